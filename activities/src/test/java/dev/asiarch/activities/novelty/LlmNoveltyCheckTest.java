package dev.asiarch.activities.novelty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.ExperimentStoreTest;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.workflows.activities.NoveltyRequest;
import dev.asiarch.workflows.activities.NoveltyVerdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The novelty check: identical sources offline, BM25 neighbours and a model's verdict otherwise. */
class LlmNoveltyCheckTest {

    private static final String SOURCE = "public final class X extends TokenMixer {}";

    private OpenAiTestServer server;
    private ExperimentStore store;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer();
        store = new ExperimentStore(Databases.h2());
        store.openCampaign("c1", "cpu-tiny", 3, 7, 1_700_000_000_000L);
        // The fixture's records all carry the same source and the motivation "because".
        store.record(ExperimentStoreTest.trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));
        store.record(ExperimentStoreTest.trained("c1-e001", Optional.of("c1-e000"), List.of(), 1.9, 0.8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmNoveltyCheck check() {
        LlmRole role = new LlmRole("novelty", server.baseUrl(), "judge-8b", "KEY", 0.0, Duration.ofSeconds(10), 500, 0);
        return new LlmNoveltyCheck(new LlmClient(role, name -> "sk-test"), PriceTable.none(), store, new Bm25Search());
    }

    @Test
    void anIdenticalSourceIsADuplicateWithoutAskingTheModel() {
        NoveltyVerdict verdict = check().check(new NoveltyRequest("c1", "c1-e002", "Y", "something else",
                "public   final class X\n extends TokenMixer {}"));

        assertThat(verdict).isInstanceOfSatisfying(NoveltyVerdict.Duplicate.class,
                duplicate -> assertThat(duplicate.duplicateOf()).isEqualTo("c1-e000"));
        assertThat(verdict.checker()).isEqualTo(OfflineNoveltyCheck.NAME);
        assertThat(server.requests()).isEmpty();
        assertThat(new OfflineNoveltyCheck(store).check(new NoveltyRequest("c1", "c1-e002", "Y", "m", SOURCE))
                .duplicate()).isTrue();
    }

    @Test
    void theModelJudgesTheMostSimilarMotivations() {
        server.thenText("{\"duplicate\": true, \"of\": \"c1-e001\", \"reason\": \"same problem, same approach\"}");

        NoveltyVerdict verdict = check().check(new NoveltyRequest("c1", "c1-e002", "Y", "because it works",
                "public final class Y extends TokenMixer {}"));

        assertThat(verdict).isInstanceOfSatisfying(NoveltyVerdict.Duplicate.class,
                duplicate -> assertThat(duplicate.duplicateOf()).isEqualTo("c1-e001"));
        assertThat(verdict.reason()).isEqualTo("same problem, same approach");
        assertThat(verdict.calls()).hasSize(1);
        String prompt = server.requests().get(0).path("messages").get(1).path("content").asText();
        assertThat(prompt).contains("# New proposal: Y").contains("## c1-e000 (Net-c1-e000)").contains("## c1-e001");
        assertThat(server.requests().get(0).path("messages").get(0).path("content").asText())
                .contains("problem it addresses, the approach it takes, the\nscope of the change and the expected "
                        + "contribution all match");
    }

    @Test
    void anAnswerNamingAnUnknownExperimentIsSentBackAndABadSecondAnswerCountsAsNew() {
        server.thenText("{\"duplicate\": true, \"of\": \"c9-e404\", \"reason\": \"looks alike\"}")
                .thenText("not json");

        NoveltyVerdict verdict = check().check(new NoveltyRequest("c1", "c1-e002", "Y", "because it works",
                "public final class Y extends TokenMixer {}"));

        assertThat(verdict.duplicate()).isFalse();
        assertThat(verdict.reason()).contains("could not be used").contains("not valid JSON");
        assertThat(verdict.calls()).hasSize(2);
        var second = server.requests().get(1).path("messages");
        assertThat(second.get(second.size() - 1).path("content").asText())
                .contains("\"of\" must be the id of one of the earlier experiments shown");
    }

    @Test
    void aMotivationSharingNoTermWithThePastIsNewWithoutAskingTheModel() {
        NoveltyVerdict verdict = check().check(new NoveltyRequest("c1", "c1-e002", "Y", "gated retention decay",
                "public final class Y extends TokenMixer {}"));

        assertThat(verdict.duplicate()).isFalse();
        assertThat(server.requests()).isEmpty();
    }
}
