package dev.asiarch.activities.research;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.cognition.CognitionBase;
import dev.asiarch.activities.cognition.CognitionEntry;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.activities.SeedRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Researcher over an OpenAI-compatible model. Its context is the parent (motivation, results,
 * training curve, full source, what the Analyst concluded about it and the literature its analysis
 * retrieved) and the references (summary or motivation, results, curve, source); it answers one JSON object
 * (name, motivation, source). Whatever source it gives is taken ({@link #validate}); an answer without one
 * (not JSON, no source) is sent back with the exact problem, at most {@code maxAnswers} times in all,
 * then the proposal fails with that problem and the calls it cost. The application allows one answer,
 * so every answer is one recorded experiment. The seed is the hand-written DeltaNet, as offline.
 */
public final class LlmResearcher implements ResearchActivities {

    static final int CURVE_POINTS = 10;

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{1,63}");
    static final int MAX_MOTIVATION = 3000;
    /** Four times the checks' limit on a candidate's source: enough for their message to say how far over it is. */
    static final int MAX_SOURCE_CHARS = 4 * MixerSource.MAX_BYTES;

    private final JsonConversation conversation;
    private final ExperimentStore store;
    private final OfflineResearcher seeds;
    private final CognitionBase cognition;
    private final int maxAnswers;
    private final String system = Prompts.system("researcher-system.md");

    public LlmResearcher(LlmClient client, PriceTable prices, ExperimentStore store, CognitionBase cognition,
                         int maxAnswers) {
        if (maxAnswers < 1) {
            throw new IllegalArgumentException("the researcher needs at least one answer, was " + maxAnswers);
        }
        this.conversation = new JsonConversation(client, prices);
        this.store = store;
        this.seeds = new OfflineResearcher(store);
        this.cognition = cognition;
        this.maxAnswers = maxAnswers;
    }

    @Override
    public Proposal seedProposal(SeedRequest request) {
        return seeds.seedProposal(request);
    }

    @Override
    public Proposal propose(ProposalRequest request) {
        ExperimentRecord parent = load(request.parentId());
        List<ExperimentRecord> references = request.referenceIds().stream().map(this::load).toList();
        JsonConversation.Reply reply = conversation.ask(system, context(parent, references, request.avoid(), request.idea(), cognition),
                maxAnswers, root -> validate(root, parent.name()).problem(), "name, motivation and source");
        if (reply.json().isEmpty()) {
            throw JsonConversation.unusable("researcher", reply, maxAnswers);
        }
        Validated validated = validate(reply.json().get(), parent.name());
        return new Proposal(validated.name(), validated.motivation(), Optional.empty(), validated.source(),
                reply.model(), reply.calls());
    }

    /** A checked answer; {@code problem} is empty when it can be used. */
    record Validated(String name, String motivation, String source, String problem) {
        static Validated rejected(String problem) {
            return new Validated("", "", "", problem);
        }
    }

    /**
     * What can be taken from an answer. Only an answer without a source is unusable; everything else is
     * taken as it is, so that each proposal becomes one recorded experiment: the name is the class the
     * source declares (else the given name, else "Unnamed"), the motivation is cut to
     * {@value #MAX_MOTIVATION} characters, and a source that is too large or declares no mixer goes on to
     * fail its checks with that reason, instead of being replaced by another answer.
     */
    static Validated validate(JsonNode root, String parentName) {
        if (!root.path("source").isTextual() || root.path("source").asText().isBlank()) {
            return Validated.rejected("the field \"source\" is missing, empty or not a string");
        }
        String source = root.get("source").asText().strip() + "\n";
        if (source.length() > MAX_SOURCE_CHARS) {
            // Far over the checks' limit already; the cut keeps activity payloads small.
            source = source.substring(0, MAX_SOURCE_CHARS);
        }
        String given = root.path("name").isTextual() ? root.get("name").asText().strip() : "";
        String name = MixerSource.className(source)
                .orElse(CLASS_NAME.matcher(given).matches() ? given : "Unnamed");
        String motivation = root.path("motivation").isTextual() ? root.get("motivation").asText().strip() : "";
        if (motivation.isEmpty()) {
            motivation = "(the researcher gave no motivation)";
        } else if (motivation.length() > MAX_MOTIVATION) {
            motivation = motivation.substring(0, MAX_MOTIVATION);
        }
        return new Validated(name, motivation, source, "");
    }

    static String context(ExperimentRecord parent, List<ExperimentRecord> references, List<String> avoid,
                          Optional<String> idea, CognitionBase cognition) {
        StringBuilder text = new StringBuilder();
        text.append("# Parent: ").append(parent.name()).append("\n\n")
                .append("## Motivation\n").append(parent.motivation().strip()).append("\n\n")
                .append("## Results\n").append(results(parent)).append("\n").append(curve(parent)).append("\n")
                .append("## Source\n```java\n").append(parent.source().strip()).append("\n```\n");
        parent.analysis().ifPresent(analysis -> {
            text.append("\n## What the Analyst concluded about it\n")
                    .append("Results: ").append(analysis.resultsAnalysis().strip()).append("\n")
                    .append("Expectation vs reality: ").append(analysis.expectationVsReality().strip()).append("\n")
                    .append("Synthesis: ").append(analysis.synthesis().strip()).append("\n");
            List<CognitionEntry> entries = analysis.cognition().stream()
                    .flatMap(hit -> cognition.find(hit.entryId()).stream()).toList();
            if (!entries.isEmpty()) {
                text.append("\n## Insights from the literature its analysis points to\n");
                entries.forEach(entry -> text.append(entry.forResearcher()).append("\n"));
            }
        });
        if (!references.isEmpty()) {
            text.append("\n# References (other designs of this campaign, to borrow from)\n");
            for (ExperimentRecord reference : references) {
                String summary = reference.analysis().map(Analysis::summary).filter(s -> !s.isBlank())
                        .orElse(reference.motivation().strip());
                text.append("\n## ").append(reference.name()).append("\n")
                        .append(summary).append("\n")
                        .append(results(reference)).append("\n").append(curve(reference))
                        .append("```java\n").append(reference.source().strip()).append("\n```\n");
            }
        }
        if (!avoid.isEmpty()) {
            text.append("\n# Exhausted ideas: earlier proposals repeated past experiments; do not propose these "
                    + "again\n");
            avoid.forEach(repeated -> text.append("- ").append(repeated).append("\n"));
        }
        idea.ifPresent(given -> text.append("\n# An idea from the research team\nWork from this idea, in the "
                + "parent's terms:\n").append(given.strip()).append("\n"));
        text.append("\nPropose one new architecture that evolves the parent.\n");
        return text.toString();
    }

    /** The training-loss curve at no more than {@value #CURVE_POINTS} points, or nothing when untrained. */
    static String curve(ExperimentRecord record) {
        return record.metrics().filter(m -> !m.trainLossCurve().isEmpty()).map(m -> {
            List<Double> points = m.trainLossCurve();
            int stride = Math.max(1, (points.size() + CURVE_POINTS - 1) / CURVE_POINTS);
            StringBuilder line = new StringBuilder("Training loss");
            for (int i = stride - 1; i < points.size(); i += stride) {
                line.append(String.format(Locale.ROOT, " %d:%.3f", (i + 1) * m.curveEvery(), points.get(i)));
            }
            return line.append("\n").toString();
        }).orElse("");
    }

    private static String results(ExperimentRecord record) {
        Optional<TrainingMetrics> metrics = record.metrics();
        if (metrics.isEmpty()) {
            return "not trained (" + record.failureReason().map(Enum::name).orElse(record.status().name()) + ")";
        }
        TrainingMetrics m = metrics.get();
        String benchmarks = m.benchmarks().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "validation loss %.4f (final training loss %.4f), %d parameters, "
                        + "fitness %s; capability accuracy: %s", m.validationLoss(), m.finalTrainLoss(), m.parameters(),
                record.fitness().isPresent() ? String.format(Locale.ROOT, "%.3f", record.fitness().getAsDouble()) : "-",
                benchmarks.isEmpty() ? "none" : benchmarks);
    }

    private ExperimentRecord load(String experimentId) {
        return store.find(experimentId).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "experiment " + experimentId + " is not in the store", "UnknownExperiment"));
    }
}
