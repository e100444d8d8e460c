package dev.asiarch.workflows.campaign;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where each candidate's parent and references come from. Both strategies run the same workflows,
 * Researcher, checks and budget; only the draw differs, so a study of one against the other measures
 * the draw.
 */
public enum SearchStrategy {

    /** ASI-Arch's: the parent from the pool's top ten, references from ranks 11 to 50. */
    POOL,

    /** Independent random sampling: every candidate is proposed from the baseline, with no references. */
    RANDOM;

    /** The name a person writes: {@code pool}, {@code random}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy called {@code name} (either case), or an error that lists the known ones. */
    public static SearchStrategy byName(String name) {
        return Arrays.stream(values()).filter(s -> s.label().equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("strategy '" + name + "' is unknown; known: "
                        + Arrays.stream(values()).map(SearchStrategy::label).collect(Collectors.joining(", "))));
    }
}
