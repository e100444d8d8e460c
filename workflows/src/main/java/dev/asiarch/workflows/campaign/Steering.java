package dev.asiarch.workflows.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the research team told a running campaign, carried across continue-as-new.
 *
 * @param pinned  the parent every new experiment evolves from, until unpinned
 * @param banned  experiments never sampled again, as parent or reference
 * @param ideas   ideas not yet handed to a Researcher, oldest first
 * @param log     every steering action and what became of it, oldest first
 */
public record Steering(boolean paused, boolean stopped, Optional<String> pinned, List<String> banned,
                       List<String> ideas, List<String> log) {

    /** Steering entries kept in the log (older ones drop off). */
    static final int LOG_LIMIT = 200;

    public Steering {
        pinned = pinned == null ? Optional.empty() : pinned;
        banned = banned == null ? List.of() : List.copyOf(banned);
        ideas = ideas == null ? List.of() : List.copyOf(ideas);
        log = log == null ? List.of() : List.copyOf(log);
    }

    public static Steering none() {
        return new Steering(false, false, Optional.empty(), List.of(), List.of(), List.of());
    }

    Steering paused(boolean value, String entry) {
        return new Steering(value, stopped, pinned, banned, ideas, append(entry));
    }

    Steering stop(String entry) {
        return new Steering(paused, true, pinned, banned, ideas, append(entry));
    }

    Steering pin(Optional<String> experimentId, String entry) {
        return new Steering(paused, stopped, experimentId, banned, ideas, append(entry));
    }

    Steering ban(String experimentId, String entry) {
        List<String> more = new ArrayList<>(banned);
        if (!more.contains(experimentId)) {
            more.add(experimentId);
        }
        Optional<String> pin = pinned.filter(id -> !id.equals(experimentId));
        return new Steering(paused, stopped, pin, more, ideas, append(entry));
    }

    Steering inject(String idea, String entry) {
        List<String> more = new ArrayList<>(ideas);
        more.add(idea);
        return new Steering(paused, stopped, pinned, banned, more, append(entry));
    }

    /** The oldest idea, and steering without it. */
    Steering withoutFirstIdea() {
        return new Steering(paused, stopped, pinned, banned, ideas.subList(1, ideas.size()), log);
    }

    /** The latest log entry: what the last steering action did. */
    String latest() {
        return log.isEmpty() ? "" : log.get(log.size() - 1);
    }

    Steering note(String entry) {
        return new Steering(paused, stopped, pinned, banned, ideas, append(entry));
    }

    private List<String> append(String entry) {
        List<String> more = new ArrayList<>(log);
        more.add(entry);
        return more.size() > LOG_LIMIT ? more.subList(more.size() - LOG_LIMIT, more.size()) : more;
    }
}
