package dev.asiarch.workflows.activities;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/**
 * Whether a proposal repeats an earlier experiment: novel, or a duplicate of a named one, each with the
 * reason and who decided ({@code checker}: a model id, or the offline rule). On the wire,
 * {@code duplicate} says which it is.
 */
public sealed interface NoveltyVerdict extends AgentAnswer {

    record Novel(String reason, String checker, List<LlmCall> calls) implements NoveltyVerdict {

        public Novel {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }

        @Override
        public boolean duplicate() {
            return false;
        }
    }

    /** @param duplicateOf the earlier experiment's id */
    record Duplicate(String duplicateOf, String reason, String checker, List<LlmCall> calls) implements NoveltyVerdict {

        public Duplicate {
            calls = calls == null ? List.of() : List.copyOf(calls);
        }

        @Override
        public boolean duplicate() {
            return true;
        }
    }

    /** Which of the two this is, as the wire says it. */
    @JsonProperty("duplicate")
    boolean duplicate();

    String reason();

    String checker();

    static NoveltyVerdict novel(String checker, String reason, List<LlmCall> calls) {
        return new Novel(reason, checker, calls);
    }

    static NoveltyVerdict duplicateOf(String experimentId, String checker, String reason, List<LlmCall> calls) {
        return new Duplicate(experimentId, reason, checker, calls);
    }

    /** Reads the wire's one object, whichever verdict it holds. */
    @JsonCreator
    static NoveltyVerdict fromJson(@JsonProperty("duplicate") boolean duplicate,
                                   @JsonProperty("duplicateOf") String duplicateOf, @JsonProperty("reason") String reason,
                                   @JsonProperty("checker") String checker, @JsonProperty("calls") List<LlmCall> calls) {
        return duplicate ? new Duplicate(duplicateOf, reason, checker, calls) : new Novel(reason, checker, calls);
    }
}
