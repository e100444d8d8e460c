package dev.asiarch.activities.judge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.workflows.activities.JudgeActivities;
import dev.asiarch.workflows.activities.JudgeAnswer;
import dev.asiarch.workflows.activities.JudgeRequest;
import java.util.List;

/**
 * The Judge over an OpenAI-compatible model: the rubric of its prompt, the experiment's motivation,
 * source and measured results beside the baseline's (with the offline judge's measured grades as a
 * reference), and one JSON object back. An answer that does not fit is sent back once with the error;
 * a second one fails the activity with the calls it cost, and the experiment is recorded unjudged.
 */
public final class LlmJudge implements JudgeActivities {


    private final JsonConversation conversation;
    private final ExperimentStore store;
    private final String system = Prompts.load("judge-system.md");

    public LlmJudge(LlmClient client, PriceTable prices, ExperimentStore store) {
        this.conversation = new JsonConversation(client, prices);
        this.store = store;
    }

    @Override
    public JudgeAnswer judge(JudgeRequest request) {
        TrainingMetrics baseline = OfflineJudge.baseline(store, request.campaignId());
        JudgeScores measured = OfflineJudge.scores(request.metrics(), baseline);
        String user = """
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
                measured.performance(), measured.complexity(), request.source().strip());
        JsonConversation.Reply reply = conversation.ask(system, user, 2, LlmJudge::problem,
                "performance, innovation, complexity and rationale");
        JsonNode root = reply.json().orElseThrow(() -> JsonConversation.unusable("judge", reply, 2));
        return new JudgeAnswer(new JudgeScores(root.get("performance").asDouble(), root.get("innovation").asDouble(),
                root.get("complexity").asDouble(), root.get("rationale").asText().strip(), reply.model(), true),
                reply.calls());
    }

    static String problem(JsonNode root) {
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
}
