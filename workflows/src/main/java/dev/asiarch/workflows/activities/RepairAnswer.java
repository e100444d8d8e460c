package dev.asiarch.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/**
 * The Engineer's answer: a repaired source, or none with the reason (no LLM configured, an answer without
 * usable code), and the model calls it took. On the wire, {@code repaired} says which it is.
 */
public sealed interface RepairAnswer extends AgentAnswer {

    /** @param engineer who repaired it: a model id */
    record Repaired(String source, String engineer, List<LlmCall> calls) implements RepairAnswer {

        public Repaired {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }

        @Override
        public boolean repaired() {
            return true;
        }
    }

    /** @param engineer who declined: a model id, or {@code none}; {@code note} says why */
    record Declined(String engineer, String note, List<LlmCall> calls) implements RepairAnswer {

        public Declined {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }

        @Override
        public boolean repaired() {
            return false;
        }
    }

    /** Which of the two this is, as the wire says it. */
    @JsonProperty("repaired")
    boolean repaired();

    String engineer();

    static RepairAnswer repaired(String source, String engineer, List<LlmCall> calls) {
        return new Repaired(source, engineer, calls);
    }

    static RepairAnswer declined(String engineer, String why, List<LlmCall> calls) {
        return new Declined(engineer, why, calls);
    }

    /** Reads the wire's one object, whichever answer it holds. */
    @JsonCreator
    static RepairAnswer fromJson(@JsonProperty("repaired") boolean repaired, @JsonProperty("source") String source,
                                 @JsonProperty("engineer") String engineer, @JsonProperty("note") String note,
                                 @JsonProperty("calls") List<LlmCall> calls) {
        return repaired ? new Repaired(source, engineer, calls) : new Declined(engineer, note, calls);
    }
}
