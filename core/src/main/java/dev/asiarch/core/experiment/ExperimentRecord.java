package dev.asiarch.core.experiment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything kept about one experiment, trained or failed: its lineage, the proposal, the outcome and
 * where its artifacts lie. Written once, keyed by {@code experimentId}.
 *
 * @param secondParentId the reference a crossover took parts from, when the proposal was one
 * @param spec           the component spec the source was generated from, when there was one
 * @param researcher     who proposed it ({@code seed}, {@code offline-mutation}, or an LLM model id)
 * @param diagnostic     for a failure, what failed and where; empty otherwise
 * @param attempts       every source checked, the proposal first, then the Engineer's repairs
 * @param llmCalls       every language-model call made for this experiment, with tokens and cost
 * @param incidents      agent steps that failed without failing the experiment (a novelty check, a
 *                       repair, a judge or an analyst that could not answer), each with its reason
 * @param judge          the Judge's grades of a trained candidate, when it was judged
 * @param analysis       the Analyst's account of a trained candidate, when there is one
 * @param artifactPrefix object-store prefix under which source, log and metrics are kept
 */
public record ExperimentRecord(
        String experimentId,
        String campaignId,
        ExperimentRole role,
        Optional<String> parentId,
        Optional<String> secondParentId,
        List<String> referenceIds,
        String name,
        String motivation,
        Optional<String> spec,
        String source,
        String researcher,
        ExperimentStatus status,
        Optional<FailureReason> failureReason,
        String diagnostic,
        List<ImplementationAttempt> attempts,
        List<LlmCall> llmCalls,
        List<String> incidents,
        Optional<TrainingMetrics> metrics,
        Optional<JudgeScores> judge,
        Optional<Analysis> analysis,
        OptionalDouble fitness,
        String artifactPrefix,
        long createdAtMillis) {

    public ExperimentRecord {
        // Absent from records written before crossovers were recorded.
        secondParentId = secondParentId == null ? Optional.empty() : secondParentId;
        referenceIds = List.copyOf(referenceIds);
        attempts = List.copyOf(attempts);
        llmCalls = List.copyOf(llmCalls);
        // Absent from records written before incidents were kept.
        incidents = incidents == null ? List.of() : incidents.stream().map(Diagnostic::bounded).toList();
        diagnostic = Diagnostic.bounded(diagnostic);
        if (status == ExperimentStatus.FAILED && failureReason.isEmpty()) {
            throw new IllegalArgumentException("a failed experiment needs a failure reason: " + experimentId);
        }
        if (status == ExperimentStatus.TRAINED && metrics.isEmpty()) {
            throw new IllegalArgumentException("a trained experiment needs metrics: " + experimentId);
        }
    }

    /** What the experiment's language-model calls cost in total. */
    public double llmCostUsd() {
        return llmCalls.stream().mapToDouble(LlmCall::costUsd).sum();
    }
}
