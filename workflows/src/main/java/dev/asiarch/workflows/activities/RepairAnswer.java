package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/**
 * The Engineer's answer: a repaired source, or none with the reason (no LLM configured, an answer
 * without usable code), and the model calls it took.
 *
 * @param engineer who answered: a model id, or {@code none}
 */
public record RepairAnswer(boolean repaired, String source, String engineer, String note, List<LlmCall> calls) {

    public RepairAnswer {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    public static RepairAnswer repaired(String source, String engineer, List<LlmCall> calls) {
        return new RepairAnswer(true, source, engineer, "", calls);
    }

    public static RepairAnswer declined(String engineer, String why, List<LlmCall> calls) {
        return new RepairAnswer(false, "", engineer, why, calls);
    }
}
