package dev.asiarch.activities.research;

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
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.workflows.activities.LlmCalls;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.activities.SeedRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Researcher over an OpenAI-compatible model. Its context is the parent (name, motivation,
 * results, full source) and the references (name, motivation, results); it answers one JSON object
 * (name, motivation, source). An answer that is not such an object, or breaks a rule of the schema, is
 * sent back with the exact validation error, at most {@code maxAnswers} times in all; then the
 * proposal fails with that error and the calls it cost. The seed is the hand-written DeltaNet, as offline.
 */
public final class LlmResearcher implements ResearchActivities {

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{1,63}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LlmClient client;
    private final PriceTable prices;
    private final ExperimentStore store;
    private final OfflineResearcher seeds;
    private final int maxAnswers;
    private final String system = Prompts.system("researcher-system.md");

    public LlmResearcher(LlmClient client, PriceTable prices, ExperimentStore store, int maxAnswers) {
        if (maxAnswers < 1) {
            throw new IllegalArgumentException("the researcher needs at least one answer, was " + maxAnswers);
        }
        this.client = client;
        this.prices = prices;
        this.store = store;
        this.seeds = new OfflineResearcher(store);
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
        List<Turn> turns = new ArrayList<>(List.of(Turn.user(context(parent, references, request.avoid()))));
        List<LlmCall> calls = new ArrayList<>();
        String problem = "";
        for (int answer = 1; answer <= maxAnswers; answer++) {
            ChatAnswer reply;
            try {
                reply = client.chat(system, turns, true);
            } catch (LlmException e) {
                throw ApplicationFailure.newFailureWithCause(e.getMessage(), "LlmUnavailable", e, new LlmCalls(calls));
            }
            LlmCall call = prices.price(client.role().role(), client.role().model(), reply);
            calls.add(call);
            Validated validated = validate(reply.text(), parent.name());
            if (validated.problem().isEmpty()) {
                return new Proposal(validated.name(), validated.motivation(), Optional.empty(), validated.source(),
                        call.model(), calls);
            }
            problem = validated.problem();
            turns.add(Turn.model(reply.text()));
            turns.add(Turn.user("That answer cannot be used: " + problem + ". Answer again with one JSON object "
                    + "with the fields name, motivation and source, as the system prompt describes."));
        }
        throw ApplicationFailure.newNonRetryableFailure("the researcher gave " + maxAnswers
                + " answers that could not be used; the last: " + problem, "UnusableAnswer", new LlmCalls(calls));
    }

    /** A checked answer; {@code problem} is empty when it can be used. */
    record Validated(String name, String motivation, String source, String problem) {
        static Validated rejected(String problem) {
            return new Validated("", "", "", problem);
        }
    }

    static Validated validate(String text, String parentName) {
        JsonNode root;
        try {
            root = JSON.readTree(text.strip());
        } catch (JsonProcessingException e) {
            return Validated.rejected("it is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return Validated.rejected("it is not a JSON object");
        }
        for (String field : List.of("name", "motivation", "source")) {
            if (!root.path(field).isTextual() || root.path(field).asText().isBlank()) {
                return Validated.rejected("the field \"" + field + "\" is missing, empty or not a string");
            }
        }
        String name = root.get("name").asText().strip();
        String motivation = root.get("motivation").asText().strip();
        String source = root.get("source").asText().strip() + "\n";
        if (!CLASS_NAME.matcher(name).matches()) {
            return Validated.rejected("\"name\" must be a Java class name of 2 to 64 letters and digits starting with "
                    + "a capital letter, was \"" + name + "\"");
        }
        if (name.equals(parentName)) {
            return Validated.rejected("\"name\" must differ from the parent's name " + parentName);
        }
        if (motivation.length() < 40 || motivation.length() > 3000) {
            return Validated.rejected("\"motivation\" must be 40 to 3000 characters, was " + motivation.length());
        }
        Optional<String> declared = MixerSource.className(source);
        if (declared.isEmpty()) {
            return Validated.rejected("\"source\" declares no public class extending TokenMixer");
        }
        if (!declared.get().equals(name)) {
            return Validated.rejected("\"source\" declares class " + declared.get() + " but \"name\" is " + name);
        }
        return new Validated(name, motivation, source, "");
    }

    static String context(ExperimentRecord parent, List<ExperimentRecord> references, List<String> avoid) {
        StringBuilder text = new StringBuilder();
        text.append("# Parent: ").append(parent.name()).append("\n\n")
                .append("## Motivation\n").append(parent.motivation()).append("\n\n")
                .append("## Results\n").append(results(parent)).append("\n\n")
                .append("## Source\n```java\n").append(parent.source().strip()).append("\n```\n");
        if (!references.isEmpty()) {
            text.append("\n# References (other designs of this campaign, to borrow from)\n");
            for (ExperimentRecord reference : references) {
                text.append("\n## ").append(reference.name()).append("\n")
                        .append(reference.motivation().strip()).append("\n")
                        .append(results(reference)).append("\n");
            }
        }
        if (!avoid.isEmpty()) {
            text.append("\n# Exhausted ideas: earlier proposals repeated past experiments; do not propose these "
                    + "again\n");
            avoid.forEach(idea -> text.append("- ").append(idea).append("\n"));
        }
        text.append("\nPropose one new architecture that evolves the parent.\n");
        return text.toString();
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
