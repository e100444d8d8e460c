package dev.asiarch.activities.cognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmException;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.similarity.EmbeddingSearch;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.CognitionHit;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped cognition entries, the user's folder, and retrieval by BM25 and by embeddings. */
class CognitionBaseTest {

    private static final String RECALL_WITH_UPDATES = "mqar-updates accuracy near chance while plain mqar is solved:"
            + " the state adds every new binding on top of the old one instead of replacing it, so queries for a"
            + " re-bound key read a mixture of old and new values";

    @TempDir
    Path folder;

    @Test
    void shipsAtLeastThirtyEntriesEachWithEveryField() {
        List<CognitionEntry> shipped = CognitionBase.shipped();

        assertThat(shipped).hasSizeGreaterThanOrEqualTo(30);
        assertThat(shipped).extracting(CognitionEntry::id).doesNotHaveDuplicates();
        assertThat(shipped).allSatisfy(entry -> {
            assertThat(entry.source()).as(entry.id()).matches(".*\\b(19|20)\\d\\d\\b.*");
            assertThat(entry.tags()).as(entry.id()).isNotEmpty();
            assertThat(List.of(entry.designInsight(), entry.triggerPatterns(), entry.background(),
                    entry.algorithmicInnovation(), entry.implementationGuidance()))
                    .as(entry.id()).allSatisfy(section -> assertThat(section.length()).isGreaterThan(80));
        });
    }

    @Test
    void theIndexListsEveryShippedFileAndNothingElse() throws Exception {
        URL index = getClass().getClassLoader().getResource(CognitionBase.SHIPPED + "index.txt");
        Path directory = Path.of(index.toURI()).getParent();
        Set<String> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".md"))
                    .map(name -> name.substring(0, name.length() - 3)).collect(Collectors.toSet());
        }

        assertThat(CognitionBase.shipped()).extracting(CognitionEntry::id).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void aRecallFailureWithUpdatesRetrievesDeltaRuleEntriesByBm25() {
        CognitionBase base = CognitionBase.load(Optional.empty(), new Bm25Search());

        CognitionBase.Retrieval retrieval = base.retrieve(RECALL_WITH_UPDATES);

        assertThat(retrieval.calls()).isEmpty();
        assertThat(retrieval.hits()).hasSize(CognitionBase.RETRIEVED);
        assertThat(retrieval.hits()).extracting(CognitionHit::entryId)
                .containsAnyOf("fast-weight-delta-rule", "deltanet-chunkwise-parallel", "gated-deltanet",
                        "longhorn-online-learning", "rwkv7-generalised-delta");
        assertThat(retrieval.hits()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void aQueryThatSharesNoWordWithAnyTriggerRetrievesNothing() {
        CognitionBase base = CognitionBase.load(Optional.empty(), new Bm25Search());

        assertThat(base.retrieve("zzyzx qwerty").hits()).isEmpty();
    }

    @Test
    void userEntriesJoinTheShippedOnesAndReplaceOnesWithTheSameId() throws Exception {
        Files.writeString(folder.resolve("wavelet-mixing.md"), entry("Wavelet mixing",
                "Copy accuracy collapses when the scattered tokens are far apart; haar wavelets help."));
        Files.writeString(folder.resolve("gated-deltanet.md"), entry("Our own take on gating",
                "Gating notes from our lab."));
        Files.writeString(folder.resolve("notes.txt"), "not an entry");

        CognitionBase base = CognitionBase.load(Optional.of(folder), new Bm25Search());

        assertThat(base.size()).isEqualTo(CognitionBase.shipped().size() + 1);
        assertThat(base.find("gated-deltanet").orElseThrow().title()).isEqualTo("Our own take on gating");
        assertThat(base.find("wavelet-mixing").orElseThrow().origin()).endsWith("wavelet-mixing.md");
        assertThat(base.retrieve("haar wavelets for scattered tokens").hits()).first()
                .extracting(CognitionHit::entryId).isEqualTo("wavelet-mixing");
    }

    @Test
    void aMissingFolderAddsNothingAndAFileInItsPlaceIsRefused() throws Exception {
        assertThat(CognitionBase.fromFolder(folder.resolve("absent"))).isEmpty();
        Path file = Files.writeString(folder.resolve("cognition"), "x");

        assertThatThrownBy(() -> CognitionBase.fromFolder(file))
                .hasMessageContaining("the cognition folder " + file + " is not a directory");
    }

    @Test
    void aMalformedUserEntryStopsLoadingWithTheFileAndLine() throws Exception {
        Path broken = folder.resolve("broken.md");
        Files.writeString(broken, entry("Broken", "x").replace("## Background", "## Backstory"));

        assertThatThrownBy(() -> CognitionBase.load(Optional.of(folder), new Bm25Search()))
                .isInstanceOf(CognitionFormatException.class)
                .hasMessageContaining(broken.toString() + ", line 11: expected '## Background', found '## Backstory'");
    }

    @Test
    void embeddingRetrievalKeepsEntriesAboveTheThresholdAndEmbedsEachTextOnce() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer()) {
            CognitionBase base = CognitionBase.load(Optional.empty(), new EmbeddingSearch(embedder(server),
                    new PriceTable(Map.of("embed-small", new PriceTable.Price(0.02, 0))), 0.1));

            CognitionBase.Retrieval first = base.retrieve(RECALL_WITH_UPDATES);
            CognitionBase.Retrieval second = base.retrieve("loss spike and NaN after the decay gate saturates");

            assertThat(first.hits()).isNotEmpty().hasSizeLessThanOrEqualTo(CognitionBase.RETRIEVED)
                    .allSatisfy(hit -> assertThat(hit.score()).isBetween(0.1, 1.0));
            assertThat(first.calls()).singleElement().satisfies(call -> {
                assertThat(call.role()).isEqualTo("embedder");
                assertThat(call.promptTokens()).isPositive();
                assertThat(call.costUsd()).isPositive();
            });
            // The entries were embedded with the first query; the second embeds only itself.
            assertThat(server.embeddingRequests().get(0).path("input")).hasSize(base.size() + 1);
            assertThat(server.embeddingRequests().get(1).path("input")).hasSize(1);
            assertThat(server.embeddingRequests().get(0).path("encoding_format").asText()).isEqualTo("float");
            assertThat(second.calls()).hasSize(1);
        }
    }

    @Test
    void anEmbeddingEndpointThatFailsNamesTheRoleAndModel() throws Exception {
        try (OpenAiTestServer server = new OpenAiTestServer()) {
            server.thenFor("embed-small", new OpenAiTestServer.Status(500, "{\"error\":{\"message\":\"down\"}}"));
            CognitionBase base = CognitionBase.load(Optional.empty(),
                    new EmbeddingSearch(embedder(server), PriceTable.none(), 0.5));

            assertThatThrownBy(() -> base.retrieve(RECALL_WITH_UPDATES))
                    .isInstanceOf(LlmException.class)
                    .hasMessageContaining("the embedder call to " + server.baseUrl())
                    .hasMessageContaining("(model embed-small) failed");
        }
    }

    private static LlmClient embedder(OpenAiTestServer server) {
        return new LlmClient(new LlmRole("embedder", server.baseUrl(), "embed-small", "KEY", 0, Duration.ofSeconds(10),
                1, 0), name -> "sk-test");
    }

    static String entry(String title, String triggers) {
        return "# " + title + "\n"
                + "source: Doe, Roe. A Paper. Workshop 2024.\n"
                + "tags: test\n"
                + "\n"
                + "## Design insight\n"
                + "An insight.\n"
                + "\n"
                + "## Trigger patterns\n"
                + triggers + "\n"
                + "\n"
                + "## Background\n"
                + "Some background.\n"
                + "\n"
                + "## Algorithmic innovation\n"
                + "S_t = S_{t-1} + k_t v_t^T\n"
                + "\n"
                + "## Implementation guidance\n"
                + "Use LinearAttention.chunked.\n";
    }
}
