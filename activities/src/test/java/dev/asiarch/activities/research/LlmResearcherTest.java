package dev.asiarch.activities.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.activities.cognition.CognitionBase;
import dev.asiarch.activities.engineer.LlmEngineerTest;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.LlmCalls;
import dev.asiarch.workflows.activities.Proposal;
import dev.asiarch.workflows.activities.ProposalRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Researcher against a local server that speaks the OpenAI wire format. */
class LlmResearcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = LlmEngineerTest.FIXED.replace("Fixed", "RecallNet");
    private static final ProposalRequest REQUEST = new ProposalRequest("c1", "c1-e002", "c1-e001", List.of("c1-e000"),
            7, List.of());

    private OpenAiTestServer server;
    private ExperimentStore store;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer();
        store = new ExperimentStore(Databases.h2());
        store.openCampaign("c1", "cpu-tiny", 2, 7, 1_700_000_000_000L);
        store.record(ExperimentStoreTest.trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));
        store.record(ExperimentStoreTest.trained("c1-e001", Optional.of("c1-e000"), List.of(), 1.9, 0.8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmResearcher researcher() {
        return researcher(3);
    }

    private LlmResearcher researcher(int answers) {
        LlmRole role = new LlmRole("researcher", server.baseUrl(), "reasoner-32b", "KEY", 0.7, Duration.ofSeconds(10),
                8000, 0);
        return new LlmResearcher(new LlmClient(role, name -> "sk-test"),
                new PriceTable(Map.of("reasoner-32b", new PriceTable.Price(1.0, 4.0))), store,
                CognitionBase.load(Optional.empty(), new Bm25Search()), answers);
    }

    private static String answer(String name, String motivation, String source) throws Exception {
        return JSON.writeValueAsString(Map.of("name", name, "motivation", motivation, "source", source));
    }

    private static final String MOTIVATION = "The parent forgets early pairs when later keys overlap; a sharper "
            + "key map should keep them apart and raise recall.";

    @Test
    void proposesFromTheParentsResultsAndSourceAsJson() throws Exception {
        server.thenText(answer("RecallNet", MOTIVATION, SOURCE));

        Proposal proposal = researcher().propose(REQUEST);

        assertThat(proposal.name()).isEqualTo("RecallNet");
        assertThat(proposal.motivation()).isEqualTo(MOTIVATION);
        assertThat(proposal.source()).isEqualTo(SOURCE.strip() + "\n");
        assertThat(proposal.researcher()).isEqualTo("reasoner-32b");
        // 1,200 tokens in at $1, 800 out at $4 per million.
        assertThat(proposal.calls()).extracting(LlmCall::role, LlmCall::promptTokens, LlmCall::costUsd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("researcher", 1200L, 0.0044));
        var sent = server.requests().get(0);
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(sent.path("messages").get(0).path("content").asText())
                .contains("\"motivation\"").contains("public final class Name extends TokenMixer");
        assertThat(sent.path("messages").get(1).path("content").asText())
                .contains("# Parent: Net-c1-e001")
                .contains("validation loss 1.9000")
                .contains("mqar-128x32 0.250")
                .contains("public final class X extends TokenMixer")
                .contains("## Net-c1-e000")
                .doesNotContain("Exhausted");
    }

    @Test
    void theContextCarriesTheAnalystsMemoryTheRetrievedLiteratureCurvesAndReferenceSummaries() throws Exception {
        store.record(ExperimentStoreTest.trained("c1-e002", Optional.of("c1-e000"), List.of(), 1.95, 0.7));
        server.thenText(answer("RecallNet", MOTIVATION, SOURCE));

        researcher().propose(new ProposalRequest("c1", "c1-e003", "c1-e001", List.of("c1-e002"), 1, List.of()));

        String context = server.requests().get(0).path("messages").get(1).path("content").asText();
        assertThat(context)
                .contains("Training loss 10:5.000 20:4.000 30:3.500")
                .contains("## What the Analyst concluded about it\nResults: results\nExpectation vs reality: expected"
                        + "\nSynthesis: synthesis")
                .contains("## Insights from the literature its analysis points to")
                .contains("(gated-deltanet)\nSource: Yang, Kautz, Hatamizadeh.")
                .contains("(zoology-associative-recall)")
                // A reference is read through its summary, with its results, curve and code.
                .contains("## Net-c1-e002\nNet-c1-e002 raised recall.\nvalidation loss 1.9500");
    }

    @Test
    void namesTheIdeasToAvoidAfterADuplicate() throws Exception {
        server.thenText(answer("RecallNet", MOTIVATION, SOURCE));

        researcher().propose(REQUEST.avoiding("SharpNet repeats c1-e001: same key sharpening"));

        assertThat(server.requests().get(0).path("messages").get(1).path("content").asText())
                .contains("# Exhausted ideas").contains("SharpNet repeats c1-e001: same key sharpening");
    }

    @Test
    void answersWithoutASourceAreSentBackWithTheProblemWhileAnswersRemain() throws Exception {
        server.thenText("{\"name\": \"RecallNet\", \"motivation\": ")
                .thenText("{\"name\": \"RecallNet\", \"motivation\": \"m\"}")
                .thenText(answer("RecallNet", MOTIVATION, SOURCE));

        Proposal proposal = researcher().propose(REQUEST);

        assertThat(proposal.name()).isEqualTo("RecallNet");
        assertThat(proposal.calls()).hasSize(3);
        var second = server.requests().get(1).path("messages");
        assertThat(second.get(second.size() - 1).path("content").asText()).contains("it is not valid JSON");
        assertThat(second.get(second.size() - 2).path("role").asText()).isEqualTo("assistant");
        var third = server.requests().get(2).path("messages");
        assertThat(third.get(third.size() - 1).path("content").asText())
                .contains("the field \"source\" is missing");
    }

    @Test
    void withOneAnswerAMalformedOneIsTheProposalsFailureNotReplacedByTheNext() throws Exception {
        server.thenText("{\"name\": \"RecallNet\", \"motivation\": ").thenText(answer("RecallNet", MOTIVATION, SOURCE));

        assertThatThrownBy(() -> researcher(1).propose(REQUEST))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo("UnusableAnswer");
                    assertThat(failure.getOriginalMessage())
                            .startsWith("the researcher gave an answer that could not be used: it is not valid JSON");
                    assertThat(failure.getDetails().get(LlmCalls.class).calls()).hasSize(1);
                });
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void takesAnySourceAsItIsAndNamesTheProposalAfterTheClassItDeclares() throws Exception {
        String huge = SOURCE + "// " + "x".repeat(300_000) + "\n";
        server.thenText(answer("WrongName", "short", SOURCE.replace("RecallNet", "OtherNet")))
                .thenText(answer("RecallNet", MOTIVATION, "no class at all"))
                .thenText(answer("RecallNet", "m".repeat(5000), huge));

        Proposal renamed = researcher(1).propose(REQUEST);
        Proposal classless = researcher(1).propose(REQUEST);
        Proposal oversized = researcher(1).propose(REQUEST);

        assertThat(renamed.name()).isEqualTo("OtherNet");
        assertThat(renamed.motivation()).isEqualTo("short");
        assertThat(classless.name()).isEqualTo("RecallNet");
        assertThat(classless.source()).isEqualTo("no class at all\n");
        assertThat(oversized.source().length()).isGreaterThan(dev.asiarch.core.program.MixerSource.MAX_BYTES);
        assertThat(oversized.motivation()).hasSize(LlmResearcher.MAX_MOTIVATION);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void answersThatNeverFitEndInAClearFailureCarryingTheirCost() {
        server.otherwise(new OpenAiTestServer.Text("Sure! Here is my idea: make it better.", 500, 20));

        assertThatThrownBy(() -> researcher().propose(REQUEST))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getType()).isEqualTo("UnusableAnswer");
                    assertThat(failure.getOriginalMessage()).contains("3 answers that could not be used")
                            .contains("it is not valid JSON");
                    assertThat(failure.getDetails().get(LlmCalls.class).calls()).hasSize(3);
                });
    }

    @Test
    void anEndpointThatStillFailsAfterTheClientsRetriesIsAFinalFailure() {
        server.otherwise(new OpenAiTestServer.Status(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        assertThatThrownBy(() -> researcher().propose(REQUEST))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getType()).isEqualTo("LlmUnavailable");
                    assertThat(failure.getOriginalMessage()).contains("researcher call to " + server.baseUrl());
                });
    }

    @Test
    void aNameThatIsNoClassNameGivesWayToUnnamedWhenTheSourceDeclaresNone() throws Exception {
        assertThat(LlmResearcher.validate(JSON.readTree("{\"name\": \"my net\", \"motivation\": \"m\", "
                + "\"source\": \"s\"}"), "P").name()).isEqualTo("Unnamed");
    }
}
