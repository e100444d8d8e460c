package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/** The Judge's grades and the model calls they took. */
public record JudgeAnswer(JudgeScores scores, List<LlmCall> calls) implements AgentAnswer {

    public JudgeAnswer {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }
}
