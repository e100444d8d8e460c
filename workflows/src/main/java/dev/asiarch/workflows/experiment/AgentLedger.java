package dev.asiarch.workflows.experiment;

import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.AgentAnswer;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ActivityFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The one place an experiment keeps what its agents cost and what went wrong on the way: every model call,
 * whether the agent answered or failed (a failure carries the calls it made), and every incident the
 * experiment lived through.
 */
final class AgentLedger {

    /** An agent's answer, or why there is none. */
    sealed interface Asked<T> {

        record Answered<T>(T answer) implements Asked<T> {
        }

        record Failed<T>(String why) implements Asked<T> {
        }

        /**
         * The answer; or, when the experiment can do without one, nothing, with an incident that says what
         * became of it ({@code consequence}) and why.
         */
        default Optional<T> orIncident(AgentLedger ledger, String consequence) {
            if (this instanceof Answered<T> answered) {
                return Optional.of(answered.answer());
            }
            ledger.incidents.add(consequence + ": " + ((Failed<T>) this).why());
            return Optional.empty();
        }
    }

    private final List<LlmCall> calls = new ArrayList<>();
    private final List<String> incidents = new ArrayList<>();

    /** Asks an agent (an activity call), keeping the calls of its answer or of its failure. */
    <T extends AgentAnswer> Asked<T> ask(Supplier<T> agent) {
        try {
            T answer = agent.get();
            calls.addAll(answer.calls());
            return new Asked.Answered<>(answer);
        } catch (ActivityFailure failure) {
            calls.addAll(LlmCalls.carriedBy(failure));
            return new Asked.Failed<>(rootMessage(failure));
        }
    }

    List<LlmCall> calls() {
        return List.copyOf(calls);
    }

    List<String> incidents() {
        return List.copyOf(incidents);
    }

    /** Who had a hand in the candidate: its researcher, then every model called so far. */
    List<String> models(String researcher) {
        return Stream.concat(Stream.of(researcher), calls.stream().map(LlmCall::model)).distinct().toList();
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
