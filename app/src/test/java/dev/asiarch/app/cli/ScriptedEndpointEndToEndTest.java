package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.core.experiment.CognitionHit;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.testing.Candidates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every agent role on one local server that speaks the OpenAI API, configured the way a user would
 * (through {@code --set}), driving real campaigns: the embedded Temporal server, H2, S3 and the child
 * JVM trainer on the seconds-long profile.
 */
@Slow("runs discover on the whole embedded stack, training in child JVMs")
class ScriptedEndpointEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROLES = List.of("researcher", "engineer", "novelty", "judge", "analyst",
            "summarizer", "embedder");
    private static final double INPUT_PER_MILLION = 2.0;
    private static final double OUTPUT_PER_MILLION = 8.0;

    @TempDir
    Path data;

    /** The command line of a user who points every role at {@code server}, one model per role. */
    private List<String> discover(OpenAiTestServer server, List<String> roles, int experiments, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("discover", "--experiments", String.valueOf(experiments),
                "--profile", "cpu-smoke",
                "--seed", "3", "--data-dir", data.toString(),
                "--set", "asi-arch.temporal.embedded-port=" + CliRun.freePort(),
                "--set", "asi-arch.llm.base-url=" + server.baseUrl()));
        for (String role : roles) {
            args.addAll(List.of("--set", "asi-arch.llm.roles." + role + ".model=" + role + "-m",
                    "--set", "asi-arch.llm.roles." + role + ".max-retries=0",
                    "--set", "asi-arch.llm.roles." + role + ".timeout=20s",
                    "--set", "asi-arch.llm.prices.[" + role + "-m].input-per-million=" + INPUT_PER_MILLION,
                    "--set", "asi-arch.llm.prices.[" + role + "-m].output-per-million=" + OUTPUT_PER_MILLION));
        }
        args.addAll(List.of(more));
        return args;
    }

    /** The records of the campaign {@code run} printed, the baseline first. */
    private List<ExperimentRecord> experiments(CliRun run) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        String campaignId = run.out().lines().filter(line -> line.startsWith("campaign "))
                .findFirst().orElseThrow().split("[ :]")[1];
        ExperimentStore store = new ExperimentStore(new DriverManagerDataSource(
                "jdbc:h2:file:" + data.resolve("db/asi-arch"), "sa", ""));
        return store.campaignExperiments(campaignId);
    }

    private static String json(Map<String, ?> fields) throws Exception {
        return JSON.writeValueAsString(fields);
    }

    @Test
    void oneEndpointDrivesAWholeExperimentFromProposalToAnalysisAndTheBudgetStopsTheNext() throws Exception {
        // A user's own cognition entry, whose trigger words the analysis below repeats.
        Path cognition = Files.createDirectories(data.resolve("cognition"));
        Files.writeString(cognition.resolve("lookahead-leaks.md"), """
                # Look-ahead leaks through shifted reads
                source: Our lab. Notes on causal masking. Internal 2026.
                tags: causality

                ## Design insight
                A mixer that reads the next token learns a shortcut that cannot exist at generation time.

                ## Trigger patterns
                The candidate read the next token, failed the causality check, was repaired by accumulating
                only the past, and its recall accuracy then trailed the parent.

                ## Background
                Shifted reads are the commonest causality bug in hand-written mixers.

                ## Algorithmic innovation
                Keep every read at positions 0..t; shift by padding on the left, never on the right.

                ## Implementation guidance
                Use CausalFir for shifts; never index t + 1.
                """);
        String echo = Gallery.source("LinearAttention").replace("class LinearAttention", "class EchoDelta")
                .replace("public LinearAttention(", "public EchoDelta(");
        String repaired = Gallery.source("LinearAttention");
        String analysis = json(Map.of("design_evaluation", "PeekNext read the next token; the repair keeps the past.",
                "results_analysis", "The candidate read the next token, failed the causality check, was repaired by"
                        + " accumulating only the past, and its recall accuracy then trailed the parent.",
                "expectation_vs_reality", "Expected sharper recall; the repaired design is plain linear attention.",
                "theoretical_explanation", "Without the delta rule's overwrite, bindings pile up in the state.",
                "synthesis", "Keep causal reads; bring back the delta rule."));
        try (OpenAiTestServer server = new OpenAiTestServer()) {
            server.thenTextFor("researcher-m", json(Map.of("name", "EchoDelta", "motivation",
                    "Delta rule with sharper keys, SiLU features and a short convolution, as in the seed.", "source",
                    echo)));
            server.thenTextFor("researcher-m", json(Map.of("name", "PeekNext", "motivation",
                    "Let each position see one token ahead, so that recall of the next value becomes a lookup.",
                    "source", Candidates.PEEKS_AT_NEXT_TOKEN)));
            server.thenFor("novelty-m", new OpenAiTestServer.Computed(request -> {
                Matcher shown = Pattern.compile("## (\\S+) \\(").matcher(
                        request.path("messages").get(1).path("content").asText());
                return "{\"duplicate\": true, \"of\": \"" + (shown.find() ? shown.group(1) : "?")
                        + "\", \"reason\": \"same problem, approach, scope and contribution as the seed\"}";
            }));
            server.thenTextFor("novelty-m", "{\"duplicate\": false, \"reason\": \"reading ahead is a new approach\"}");
            server.thenTextFor("engineer-m", "The mixer read x[t+1]; this keeps only the past.\n```java\n" + repaired
                    + "```");
            server.thenTextFor("judge-m", "{\"performance\": 4, \"innovation\": 3, \"complexity\": 7, "
                    + "\"rationale\": \"Plain linear attention after the repair; cheap but weaker recall.\"}");
            server.thenTextFor("analyst-m", analysis);
            server.thenTextFor("summarizer-m", "{\"summary\": \"PeekNext read ahead; repaired to linear attention, "
                    + "it trailed DeltaNet on recall.\"}");

            // Three experiments asked for, but the first candidate's calls cost more than the budget.
            CliRun run = CliRun.of(discover(server, ROLES, 3, "--llm-budget", "0.05").toArray(String[]::new));
            List<ExperimentRecord> experiments = experiments(run);

            assertThat(run.out()).containsPattern("LLM budget reached: \\$0\\.\\d{4} spent of \\$0\\.0500; 1 of 3 "
                    + "experiments ran, no new proposals");
            assertThat(experiments).hasSize(2);
            ExperimentRecord record = experiments.get(1);
            assertThat(record.llmCostUsd()).isGreaterThan(0.05);
            assertThat(record.status()).isEqualTo(ExperimentStatus.TRAINED);
            assertThat(record.name()).isEqualTo("PeekNext");
            assertThat(record.researcher()).isEqualTo("researcher-m");
            assertThat(record.incidents()).isEmpty();
            // The duplicate was caught and re-proposed: the second proposal was told what to avoid.
            List<String> proposals = server.promptsTo("researcher-m");
            assertThat(proposals).hasSize(2);
            assertThat(proposals.get(0)).doesNotContain("# Exhausted ideas");
            assertThat(proposals.get(1)).contains("# Exhausted ideas").contains("- EchoDelta repeats ")
                    .contains("same problem, approach, scope and contribution as the seed");
            // The failed check was repaired by the Engineer, then trained.
            assertThat(record.attempts()).hasSize(2);
            assertThat(record.attempts().get(0).failure()).contains(FailureReason.NON_CAUSAL);
            assertThat(record.attempts().get(0).sentForRepair()).isTrue();
            assertThat(record.attempts().get(1).author()).isEqualTo("engineer-m");
            assertThat(record.attempts().get(1).passed()).isTrue();
            assertThat(record.source()).isEqualTo(repaired.strip() + "\n");
            assertThat(record.metrics()).isPresent();
            // Judged by the model, in fitness; analysed, with the user's entry retrieved and a summary.
            assertThat(record.judge()).hasValueSatisfying(judge -> {
                assertThat(judge.judge()).isEqualTo("judge-m");
                assertThat(judge.inFitness()).isTrue();
                assertThat(judge.complexity()).isEqualTo(7);
            });
            assertThat(record.analysis()).hasValueSatisfying(account -> {
                assertThat(account.analyst()).isEqualTo("analyst-m");
                assertThat(account.synthesis()).isEqualTo("Keep causal reads; bring back the delta rule.");
                assertThat(account.cognition()).first().extracting(CognitionHit::entryId)
                        .isEqualTo("lookahead-leaks");
                assertThat(account.summary()).startsWith("PeekNext read ahead;");
            });
            // Every call, in order, with its role, tokens, cost and answer.
            assertThat(record.llmCalls()).extracting(LlmCall::role).containsExactly("researcher", "embedder",
                    "novelty", "researcher", "embedder", "novelty", "engineer", "judge", "analyst", "embedder",
                    "summarizer");
            for (LlmCall call : record.llmCalls()) {
                assertThat(call.model()).isEqualTo(call.role() + "-m");
                assertThat(call.promptTokens()).as(call.role()).isPositive();
                assertThat(call.costUsd()).as(call.role()).isCloseTo((call.promptTokens() * INPUT_PER_MILLION
                        + call.completionTokens() * OUTPUT_PER_MILLION) / 1e6, within(1e-12));
            }
            assertThat(record.llmCalls().get(8).answer()).isEqualTo(analysis);
            assertThat(record.llmCostUsd()).isCloseTo(record.llmCalls().stream().mapToDouble(LlmCall::costUsd).sum(),
                    within(1e-12));
            assertThat(List.of("researcher-m", "novelty-m", "engineer-m", "judge-m", "analyst-m", "summarizer-m"))
                    .allSatisfy(model -> assertThat(server.pendingFor(model)).as(model).isZero());
        }
    }

    @Test
    void malformedAnswersErrorStatusesAndAHangEndInTheClientsRetriesOrRecordedFailures() throws Exception {
        String source = Gallery.source("LinearAttention");
        try (OpenAiTestServer server = new OpenAiTestServer()) {
            // A body that is not JSON fails the call, and no layer retries an answer that arrived: the first
            // experiment ends NO_PROPOSAL. Then an answer that is not JSON is the second experiment's recorded
            // failure (never replaced by the next answer), and the third experiment takes the next answer.
            server.thenFor("researcher-m", new OpenAiTestServer.Raw("{\"id\": \"chatcmpl-1\", \"choices\": [tru"));
            server.thenTextFor("researcher-m", "Here is my idea: linear attention, unnormalised.");
            server.thenTextFor("researcher-m", json(Map.of("name", "LinearAttention", "motivation",
                    "Drop the delta rule's correction to see what it buys on recall with updates.", "source", source)));
            // Rate limited once: the client waits and retries by itself.
            server.thenFor("novelty-m", new OpenAiTestServer.Status(429,
                    "{\"error\":{\"message\":\"rate limited\",\"type\":\"requests\"}}"));
            server.thenTextFor("novelty-m", "{\"duplicate\": false, \"reason\": \"no earlier design drops the rule\"}");
            // The judge hangs past its 2 s timeout once; the client abandons that attempt and its retry answers.
            server.thenFor("judge-m", new OpenAiTestServer.Hang(Duration.ofSeconds(6)));
            server.thenTextFor("judge-m", "{\"performance\": 4, \"innovation\": 2, \"complexity\": 7, "
                    + "\"rationale\": \"An ablation of the seed.\"}");
            // The analyst's endpoint answers 500 to every attempt: the client's three, and no more.
            server.otherwise(new OpenAiTestServer.Status(500, "{\"error\":{\"message\":\"analyst model crashed\"}}"));

            List<ExperimentRecord> records = experiments(CliRun.of(discover(server,
                    List.of("researcher", "novelty", "judge", "analyst"), 3,
                    "--set", "asi-arch.llm.roles.novelty.max-retries=1",
                    "--set", "asi-arch.llm.roles.judge.max-retries=1",
                    "--set", "asi-arch.llm.roles.judge.timeout=2s",
                    "--set", "asi-arch.llm.roles.analyst.max-retries=2").toArray(String[]::new)));
            ExperimentRecord malformed = records.get(1);
            ExperimentRecord unusable = records.get(2);
            ExperimentRecord record = records.get(3);

            assertThat(malformed.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(malformed.failureReason()).contains(FailureReason.NO_PROPOSAL);
            assertThat(malformed.diagnostic()).startsWith("researcher failed:");
            assertThat(malformed.llmCalls()).isEmpty();
            assertThat(unusable.status()).isEqualTo(ExperimentStatus.FAILED);
            assertThat(unusable.failureReason()).contains(FailureReason.NO_PROPOSAL);
            assertThat(unusable.diagnostic()).contains("gave an answer that could not be used: it is not valid JSON");
            assertThat(unusable.llmCalls()).singleElement().satisfies(call ->
                    assertThat(call.answer()).isEqualTo("Here is my idea: linear attention, unnormalised."));
            assertThat(server.promptsTo("researcher-m")).hasSize(3);
            assertThat(record.status()).isEqualTo(ExperimentStatus.TRAINED);
            assertThat(record.llmCalls()).extracting(LlmCall::role).containsExactly("researcher", "novelty", "judge");
            assertThat(record.judge()).hasValueSatisfying(judge -> assertThat(judge.judge()).isEqualTo("judge-m"));
            assertThat(server.promptsTo("judge-m")).hasSize(2);
            assertThat(record.analysis()).isEmpty();
            assertThat(server.promptsTo("analyst-m")).hasSize(3);
            assertThat(record.incidents()).singleElement().asString()
                    .startsWith("analyst failed, so the experiment is unanalysed:")
                    .contains("analyst model crashed");
        }
    }
}
