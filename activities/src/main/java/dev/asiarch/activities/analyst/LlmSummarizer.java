package dev.asiarch.activities.analyst;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.cognition.CognitionEntry;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.workflows.activities.AnalysisRequest;
import java.util.List;

/**
 * The summarizer role over an OpenAI-compatible model: motivation, results, the analysis and the
 * retrieved cognition in, one JSON object with a {@code summary} of at most {@value #MAX_CHARS}
 * characters out. Two unusable answers fall back to the offline summary (their calls still count): a
 * summary is a convenience, the analysis it condenses is already written.
 */
public final class LlmSummarizer implements Summarizer {

    static final int MAX_CHARS = 1200;

    private final JsonConversation conversation;
    private final String system = Prompts.load("summarizer-system.md");
    private final OfflineSummarizer fallback = new OfflineSummarizer();

    public LlmSummarizer(LlmClient client, PriceTable prices) {
        this.conversation = new JsonConversation(client, prices);
    }

    @Override
    public Summary summarize(AnalysisRequest request, Analysis analysis, List<CognitionEntry> cognition) {
        JsonConversation.Reply reply = conversation.ask(system, prompt(request, analysis, cognition), 2,
                LlmSummarizer::problem, "summary");
        if (reply.json().isEmpty()) {
            return new Summary(fallback.summarize(request, analysis, cognition).text(), reply.calls());
        }
        return new Summary(reply.json().get().get("summary").asText().strip(), reply.calls());
    }

    static String prompt(AnalysisRequest request, Analysis analysis, List<CognitionEntry> cognition) {
        StringBuilder text = new StringBuilder("# Experiment: ").append(request.name()).append("\n")
                .append(request.motivation().strip()).append("\n\nMeasured: ")
                .append(Lineage.results(request.metrics())).append("\n\n# Analysis\n")
                .append("Results: ").append(analysis.resultsAnalysis().strip()).append("\n")
                .append("Expectation vs reality: ").append(analysis.expectationVsReality().strip()).append("\n")
                .append("Synthesis: ").append(analysis.synthesis().strip()).append("\n");
        if (!cognition.isEmpty()) {
            text.append("\n# Related insights from the literature\n");
            cognition.forEach(entry -> text.append("- ").append(entry.title()).append(": ")
                    .append(entry.designInsight().strip()).append("\n"));
        }
        return text.toString();
    }

    static String problem(JsonNode root) {
        if (!root.path("summary").isTextual() || root.path("summary").asText().isBlank()) {
            return "\"summary\" is missing, empty or not a string";
        }
        int length = root.get("summary").asText().strip().length();
        return length > MAX_CHARS ? "\"summary\" has " + length + " characters; at most " + MAX_CHARS + " are allowed"
                : "";
    }
}
