package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/**
 * Whether a proposal repeats an earlier experiment, which one, and why.
 *
 * @param duplicateOf the earlier experiment's id when {@code duplicate}, else empty
 * @param checker     who decided: a model id, or the offline rule
 */
public record NoveltyVerdict(boolean duplicate, String duplicateOf, String reason, String checker,
                             List<LlmCall> calls) {

    public NoveltyVerdict {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    public static NoveltyVerdict novel(String checker, String reason, List<LlmCall> calls) {
        return new NoveltyVerdict(false, "", reason, checker, calls);
    }
}
