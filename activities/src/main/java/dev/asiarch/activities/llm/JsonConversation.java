package dev.asiarch.activities.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.activities.llm.LlmClient.Turn;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.Json;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How every agent that returns data talks to its model: ask for one JSON object, check it, and send an
 * answer that does not fit back with the exact problem, at most {@code maxAnswers} times. Each call is
 * priced. An endpoint that fails (after the client's retries) becomes a final activity failure that
 * carries the calls made so far.
 */
public final class JsonConversation {

    private static final ObjectMapper JSON = Json.newMapper();

    private final LlmClient client;
    private final PriceTable prices;

    public JsonConversation(LlmClient client, PriceTable prices) {
        this.client = client;
        this.prices = prices;
    }

    /**
     * The outcome: the accepted object, or none with the last problem; every call either way.
     *
     * @param model the model that answered last
     */
    public record Reply(Optional<JsonNode> json, String problem, List<LlmCall> calls, String model) {
    }

    /**
     * @param problemOf  why an object cannot be used, or an empty string when it can
     * @param fieldsHint the fields to name when an answer is sent back, e.g. "name, motivation and source"
     */
    public Reply ask(String system, String user, int maxAnswers, Function<JsonNode, String> problemOf,
                     String fieldsHint) {
        List<Turn> turns = new ArrayList<>(List.of(Turn.user(user)));
        List<LlmCall> calls = new ArrayList<>();
        String problem = "";
        String model = client.role().model();
        for (int answer = 1; answer <= maxAnswers; answer++) {
            ChatAnswer reply;
            try {
                reply = client.chat(system, turns, true);
            } catch (LlmException e) {
                throw unavailable(e, calls);
            }
            LlmCall call = prices.price(client.role().role(), client.role().model(), reply);
            calls.add(call);
            model = call.model();
            JsonNode root;
            try {
                root = JSON.readTree(reply.text().strip());
                problem = root == null || !root.isObject() ? "it is not a JSON object" : problemOf.apply(root);
            } catch (JsonProcessingException e) {
                root = null;
                problem = "it is not valid JSON (" + e.getOriginalMessage() + ")";
            }
            if (problem.isEmpty()) {
                return new Reply(Optional.of(root), "", calls, model);
            }
            turns.add(Turn.model(reply.text()));
            turns.add(Turn.user("That answer cannot be used: " + problem + ". Answer again with one JSON object "
                    + "with the fields " + fieldsHint + ", as the system prompt describes."));
        }
        return new Reply(Optional.empty(), problem, calls, model);
    }

    /**
     * A non-retryable failure for an endpoint that failed after the client's retries, carrying the calls
     * made. The SDK owns the retries of a call ({@link LlmClient}); were Temporal's retry policy to run the
     * activity again, each attempt would make {@code maxRetries + 1} calls more. Temporal still retries
     * an activity whose worker was lost or which timed out, since that never reaches this failure.
     */
    public static ApplicationFailure unavailable(LlmException e, List<LlmCall> calls) {
        return ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), "LlmUnavailable", e,
                new LlmCalls(calls));
    }

    /** A non-retryable failure saying the agent gave up, carrying what its calls cost. */
    public static ApplicationFailure unusable(String agent, Reply reply, int answers) {
        return ApplicationFailure.newNonRetryableFailure("the " + agent + " gave " + (answers == 1 ? "an answer"
                : answers + " answers") + " that could not be used" + (answers == 1 ? ": " : "; the last: ")
                + reply.problem(), "UnusableAnswer",
                new LlmCalls(reply.calls()));
    }
}
