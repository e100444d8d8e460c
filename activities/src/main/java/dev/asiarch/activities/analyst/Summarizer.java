package dev.asiarch.activities.analyst;

import dev.asiarch.activities.cognition.CognitionEntry;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.AnalysisRequest;
import java.util.List;

/**
 * Condenses an analysed experiment into the few sentences later Researchers read about it when it is
 * one of their references: what was tried, what happened, what to take from it.
 */
public interface Summarizer {

    /** The summary and the model calls it took (none offline). */
    record Summary(String text, List<LlmCall> calls) {
        public Summary {
            calls = List.copyOf(calls);
        }
    }

    Summary summarize(AnalysisRequest request, Analysis analysis, List<CognitionEntry> cognition);
}
