package dev.asiarch.activities.judge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.activities.llm.ChatAnswer;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmClient.Turn;
import dev.asiarch.activities.llm.LlmException;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.JudgeActivities;
import dev.asiarch.workflows.activities.JudgeAnswer;
import dev.asiarch.workflows.activities.JudgeRequest;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The Judge over an OpenAI-compatible model: the rubric of its prompt, the experiment's motivation,
 * source and measured results beside the baseline's (with the offline judge's measured grades as a
 * reference), and one JSON object back. An answer that does not fit is sent back once with the error;
 * a second one fails the activity with the calls it cost, and the experiment is recorded unjudged.
 */
public final class LlmJudge implements JudgeActivities {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient client;
    private final PriceTable prices;
    private final ExperimentStore store;
    private final String system = Prompts.load("judge-system.md");

    public LlmJudge(LlmClient client, PriceTable prices, ExperimentStore store) {
        this.client = client;
        this.prices = prices;
        this.store = store;
    }

    @Override
    public JudgeAnswer judge(JudgeRequest request) {
        TrainingMetrics baseline = OfflineJudge.baseline(store, request.campaignId());
        JudgeScores measured = OfflineJudge.scores(request.metrics(), baseline);
        List<Turn> turns = new ArrayList<>(List.of(Turn.user("""
                # %s
                %s

                # Measured
                %s
                Measured grades (performance, complexity) by rule: %.1f, %.1f.

                # Source
                ```java
                %s
                ```
                """.formatted(request.name(), request.motivation().strip(), measured.rationale(),
                measured.performance(), measured.complexity(), request.source().strip()))));
        List<LlmCall> calls = new ArrayList<>();
        String problem = "";
        for (int answer = 1; answer <= 2; answer++) {
            ChatAnswer reply;
            try {
                reply = client.chat(system, turns, true);
            } catch (LlmException e) {
                throw ApplicationFailure.newFailureWithCause(e.getMessage(), "LlmUnavailable", e, new LlmCalls(calls));
            }
            LlmCall call = prices.price(client.role().role(), client.role().model(), reply);
            calls.add(call);
            JsonNode root = parse(reply.text());
            problem = problem(root);
            if (problem.isEmpty()) {
                return new JudgeAnswer(new JudgeScores(root.get("performance").asDouble(),
                        root.get("innovation").asDouble(), root.get("complexity").asDouble(),
                        root.get("rationale").asText().strip(), call.model(), true), calls);
            }
            turns.add(Turn.model(reply.text()));
            turns.add(Turn.user("That answer cannot be used: " + problem + ". Answer again with one JSON object "
                    + "with the fields performance, innovation, complexity and rationale."));
        }
        throw ApplicationFailure.newNonRetryableFailure("the judge gave 2 answers that could not be used; the last: "
                + problem, "UnusableAnswer", new LlmCalls(calls));
    }

    static String problem(JsonNode root) {
        if (root == null || !root.isObject()) {
            return "it is not a JSON object";
        }
        for (String field : List.of("performance", "innovation", "complexity")) {
            JsonNode value = root.path(field);
            if (!value.isNumber() || value.asDouble() < 1 || value.asDouble() > 10) {
                return "\"" + field + "\" must be a number from 1 to 10";
            }
        }
        if (!root.path("rationale").isTextual() || root.path("rationale").asText().isBlank()) {
            return "\"rationale\" is missing or empty";
        }
        return "";
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text.strip());
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
