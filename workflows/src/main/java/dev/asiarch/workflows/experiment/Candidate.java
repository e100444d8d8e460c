package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.Proposal;
import java.util.List;
import java.util.Optional;

/**
 * A proposal whose source passed its checks, after {@code attempts} (the proposal's own and each repair).
 * The steps after implementation add to it: its metrics once screened, then the judge's and analyst's word.
 */
record Candidate(Proposal proposal, String source, List<ImplementationAttempt> attempts) {

    Candidate {
        attempts = List.copyOf(attempts);
    }

    /** A candidate that trained on the profile. */
    record Screened(Candidate candidate, TrainingMetrics metrics) {
    }

    /** A screened candidate with the judge's grades and the analyst's account, where they answered. */
    record Reviewed(Screened screened, Optional<JudgeScores> judge, Optional<Analysis> analysis) {
    }
}
