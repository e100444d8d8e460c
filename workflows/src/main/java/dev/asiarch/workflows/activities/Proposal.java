package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.LlmCall;
import java.util.List;
import java.util.Optional;

/**
 * A researcher's proposal: a named architecture, why it should work, and its source.
 *
 * @param spec       the component spec the source was generated from, when there is one
 * @param researcher who proposed it: {@code seed}, {@code offline-mutation} or a model id
 * @param calls      the language-model calls the proposal took (none offline)
 */
public record Proposal(String name, String motivation, Optional<String> spec, String source, String researcher,
                       List<LlmCall> calls) implements AgentAnswer {

    public Proposal {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }
}
