package dev.asiarch.core.experiment;

/**
 * What the Analyst made of a trained experiment, in the five sections of ASI-Arch's analyses.
 *
 * @param analyst a model id, or the offline rule
 */
public record Analysis(String designEvaluation, String resultsAnalysis, String expectationVsReality,
                       String theoreticalExplanation, String synthesis, String analyst) {
}
