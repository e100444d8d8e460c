package dev.asiarch.activities.cognition;

import java.util.List;

/**
 * One distilled insight from the literature, with the fields of ASI-Arch's cognition base. Retrieval
 * matches an analysis against {@code triggerPatterns} alone: they say when the entry applies.
 *
 * @param id     the file name without {@code .md}, e.g. {@code gated-deltanet}
 * @param source authors, title and venue of the paper it distils
 * @param origin where it was read from: {@code shipped} or the user's file
 */
public record CognitionEntry(String id, String title, String source, List<String> tags, String designInsight,
                             String triggerPatterns, String background, String algorithmicInnovation,
                             String implementationGuidance, String origin) {

    public CognitionEntry {
        tags = List.copyOf(tags);
    }

    /** The entry as the Researcher reads it: everything but the trigger patterns, which only route. */
    public String forResearcher() {
        return "### " + title + " (" + id + ")\nSource: " + source + "\n"
                + "Insight: " + designInsight + "\n"
                + "Mechanism: " + algorithmicInnovation + "\n"
                + "How to build it here: " + implementationGuidance + "\n";
    }
}
