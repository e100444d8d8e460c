package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.LlmCall;
import java.util.List;

/** What every agent activity answers with: whatever it decided, and the model calls that took. */
public interface AgentAnswer {

    /** The language-model calls behind this answer (none offline). */
    List<LlmCall> calls();
}
