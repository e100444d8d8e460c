package dev.asiarch.core.experiment;

import java.util.List;

/**
 * What the Analyst made of a trained experiment, in the five sections of ASI-Arch's analyses, the
 * cognition entries its results analysis retrieved, and the short summary later Researchers read.
 *
 * @param analyst   a model id, or the offline rule
 * @param cognition retrieved entries, best first (empty when none came close)
 * @param summary   a few sentences of motivation, outcome and lesson (empty until summarised)
 */
public record Analysis(String designEvaluation, String resultsAnalysis, String expectationVsReality,
                       String theoreticalExplanation, String synthesis, String analyst, List<CognitionHit> cognition,
                       String summary) {

    public Analysis {
        cognition = cognition == null ? List.of() : List.copyOf(cognition);
        summary = summary == null ? "" : summary;
    }

    /** The five sections by {@code analyst}, not yet enriched with cognition or a summary. */
    public Analysis(String designEvaluation, String resultsAnalysis, String expectationVsReality,
                    String theoreticalExplanation, String synthesis, String analyst) {
        this(designEvaluation, resultsAnalysis, expectationVsReality, theoreticalExplanation, synthesis, analyst,
                List.of(), "");
    }

    public Analysis withCognition(List<CognitionHit> hits, String summaryText) {
        return new Analysis(designEvaluation, resultsAnalysis, expectationVsReality, theoreticalExplanation, synthesis,
                analyst, hits, summaryText);
    }
}
