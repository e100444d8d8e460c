package dev.asiarch.core.program;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Hand-written mixer programs shipped with the system; compiled at run time like any candidate. */
public final class SeedPrograms {

    public static final String DELTA_NET = "DeltaNet";

    private SeedPrograms() {
    }

    /** The source of the program called {@code name} (the file {@code programs/<name>.java}). */
    public static String source(String name) {
        String resource = "/dev/asiarch/core/program/" + name + ".java";
        try (InputStream in = SeedPrograms.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no seed program called '" + name + "' (" + resource + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed program " + resource, e);
        }
    }
}
