package dev.asiarch.core.experiment;

import dev.asiarch.core.fitness.Fitness;

/**
 * A judge's grades of a trained experiment on ASI-Arch's rubric, each from 1 to 10: performance
 * against the DeltaNet and Gated DeltaNet anchors, innovation of the idea, and complexity (higher is
 * better: efficient and simple for what it does), with the judge's rationale.
 *
 * @param judge     a model id, or the offline rule
 * @param inFitness whether the scores enter the fitness (a model's do; the offline rule's are kept for
 *                  reading only, since they restate measured terms the fitness already has)
 */
public record JudgeScores(double performance, double innovation, double complexity, String rationale, String judge,
                          boolean inFitness) {

    public JudgeScores {
        for (double score : new double[] {performance, innovation, complexity}) {
            if (!(score >= 1 && score <= 10)) {
                throw new IllegalArgumentException("judge scores must be between 1 and 10: " + this);
            }
        }
    }

    /** The weighted grade 0.30 performance + 0.25 innovation + 0.45 complexity, mapped to [0, 1]. */
    public double term() {
        return Fitness.judgeTerm(performance, innovation, complexity);
    }
}
