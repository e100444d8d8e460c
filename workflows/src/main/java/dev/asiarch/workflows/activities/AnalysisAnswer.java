package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/** The Analyst's five sections and the model calls they took. */
public record AnalysisAnswer(Analysis analysis, List<LlmCall> calls) implements AgentAnswer {

    public AnalysisAnswer {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }
}
