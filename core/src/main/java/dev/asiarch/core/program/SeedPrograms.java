package dev.asiarch.core.program;


/** Hand-written mixer programs shipped with the system; compiled at run time like any candidate. */
public final class SeedPrograms {

    public static final String DELTA_NET = "DeltaNet";

    private SeedPrograms() {
    }

    /** The source of the program called {@code name} (the file {@code programs/<name>.java}). */
    public static String source(String name) {
        return ProgramResources.read(name + ".java").orElseThrow(() -> new IllegalArgumentException(
                "no seed program called '" + name + "' (dev/asiarch/core/program/" + name + ".java)"));
    }
}
