package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.LlmCall;
import java.util.List;
import java.util.Optional;

/**
 * A researcher's proposal: a named architecture, why it should work, and its source.
 *
 * @param spec           the component spec the source was generated from, when there is one
 * @param researcher     who proposed it: {@code seed}, {@code offline-mutation} or a model id
 * @param calls          the language-model calls the proposal took (none offline)
 * @param secondParentId when the proposal crosses the parent with one of its references, that reference
 */
public record Proposal(String name, String motivation, Optional<String> spec, String source, String researcher,
                       List<LlmCall> calls, Optional<String> secondParentId) implements AgentAnswer {

    public Proposal {
        calls = calls == null ? List.of() : List.copyOf(calls);
        // Absent from proposals recorded before crossovers were.
        secondParentId = secondParentId == null ? Optional.empty() : secondParentId;
    }

    /** A proposal from one parent. */
    public Proposal(String name, String motivation, Optional<String> spec, String source, String researcher,
                    List<LlmCall> calls) {
        this(name, motivation, spec, source, researcher, calls, Optional.empty());
    }
}
