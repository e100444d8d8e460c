package dev.asiarch.activities.analyst;

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
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
import dev.asiarch.workflows.activities.LlmCalls;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The Analyst over an OpenAI-compatible model: the experiment (motivation, results, source) beside its
 * parent, grandparent and up to two siblings (motivation, results, and the parent's source), five
 * sections back as one JSON object. An answer that does not fit is sent back once with the error; a
 * second one fails the activity with its calls, and the experiment is recorded without an analysis.
 */
public final class LlmAnalyst implements AnalystActivities {

    static final List<String> SECTIONS = List.of("design_evaluation", "results_analysis", "expectation_vs_reality",
            "theoretical_explanation", "synthesis");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient client;
    private final PriceTable prices;
    private final ExperimentStore store;
    private final String system = Prompts.load("analyst-system.md");

    public LlmAnalyst(LlmClient client, PriceTable prices, ExperimentStore store) {
        this.client = client;
        this.prices = prices;
        this.store = store;
    }

    @Override
    public AnalysisAnswer analyse(AnalysisRequest request) {
        Lineage lineage = Lineage.of(store, request);
        List<Turn> turns = new ArrayList<>(List.of(Turn.user(prompt(request, lineage))));
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
                List<String> text = SECTIONS.stream().map(section -> root.get(section).asText().strip()).toList();
                return new AnalysisAnswer(new Analysis(text.get(0), text.get(1), text.get(2), text.get(3), text.get(4),
                        call.model()), calls);
            }
            turns.add(Turn.model(reply.text()));
            turns.add(Turn.user("That answer cannot be used: " + problem + ". Answer again with one JSON object "
                    + "with the fields " + String.join(", ", SECTIONS) + "."));
        }
        throw ApplicationFailure.newNonRetryableFailure("the analyst gave 2 answers that could not be used; the last: "
                + problem, "UnusableAnswer", new LlmCalls(calls));
    }

    static String prompt(AnalysisRequest request, Lineage lineage) {
        StringBuilder text = new StringBuilder("# Experiment: ").append(request.name()).append("\n")
                .append(request.motivation().strip()).append("\n")
                .append("Measured: ").append(Lineage.results(request.metrics())).append("\n\n```java\n")
                .append(request.source().strip()).append("\n```\n");
        lineage.parent().ifPresent(parent -> text.append(section("Parent", parent, request))
                .append("\n```java\n").append(parent.source().strip()).append("\n```\n"));
        lineage.grandparent().ifPresent(grandparent -> text.append(section("Grandparent", grandparent, request)));
        lineage.siblings().forEach(sibling -> text.append(section("Sibling", sibling, request)));
        return text.toString();
    }

    private static String section(String relation, ExperimentRecord record, AnalysisRequest request) {
        return "\n# " + relation + ": " + record.name() + "\n" + record.motivation().strip() + "\n"
                + record.metrics().map(m -> "Measured: " + Lineage.results(m) + "\nThe experiment against it: "
                + Lineage.deltas(request.metrics(), m)).orElse("Not trained") + "\n";
    }

    static String problem(JsonNode root) {
        if (root == null || !root.isObject()) {
            return "it is not a JSON object";
        }
        for (String section : SECTIONS) {
            if (!root.path(section).isTextual() || root.path(section).asText().isBlank()) {
                return "\"" + section + "\" is missing, empty or not a string";
            }
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
