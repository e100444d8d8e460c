package dev.asiarch.activities.analyst;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.workflows.activities.AnalysisAnswer;
import dev.asiarch.workflows.activities.AnalysisRequest;
import dev.asiarch.workflows.activities.AnalystActivities;
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

    private final JsonConversation conversation;
    private final ExperimentStore store;
    private final String system = Prompts.load("analyst-system.md");

    public LlmAnalyst(LlmClient client, PriceTable prices, ExperimentStore store) {
        this.conversation = new JsonConversation(client, prices);
        this.store = store;
    }

    @Override
    public AnalysisAnswer analyse(AnalysisRequest request) {
        Lineage lineage = Lineage.of(store, request);
        JsonConversation.Reply reply = conversation.ask(system, prompt(request, lineage), 2, LlmAnalyst::problem,
                String.join(", ", SECTIONS));
        JsonNode root = reply.json().orElseThrow(() -> JsonConversation.unusable("analyst", reply, 2));
        List<String> text = SECTIONS.stream().map(section -> root.get(section).asText().strip()).toList();
        return new AnalysisAnswer(new Analysis(text.get(0), text.get(1), text.get(2), text.get(3), text.get(4),
                reply.model()), reply.calls());
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
        for (String section : SECTIONS) {
            if (!root.path(section).isTextual() || root.path(section).asText().isBlank()) {
                return "\"" + section + "\" is missing, empty or not a string";
            }
        }
        return "";
    }
}
