package dev.asiarch.activities.novelty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmException;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.activities.similarity.SimilaritySearch;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.NoveltyActivities;
import dev.asiarch.workflows.activities.NoveltyRequest;
import dev.asiarch.workflows.activities.NoveltyVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The novelty check with an LLM: an identical source is a duplicate without asking; otherwise the five
 * earlier motivations most like the new one (by embeddings when an embedder is configured, else BM25)
 * go to the model, which decides with the conservative rule of its prompt. An answer that does not fit is sent back once with the error; a
 * second unusable answer counts as "not a duplicate", so a confused checker never blocks an idea.
 */
public final class LlmNoveltyCheck implements NoveltyActivities {

    static final int COMPARED = 5;

    /** A past experiment whose motivation is among the closest to the new one. */
    record Similar(String experimentId, String name, String motivation) {
    }

    private final JsonConversation conversation;
    private final ExperimentStore store;
    private final SimilaritySearch search;
    private final String system = Prompts.load("novelty-system.md");

    public LlmNoveltyCheck(LlmClient client, PriceTable prices, ExperimentStore store, SimilaritySearch search) {
        this.conversation = new JsonConversation(client, prices);
        this.store = store;
        this.search = search;
    }

    @Override
    public NoveltyVerdict check(NoveltyRequest request) {
        List<ExperimentRecord> past = OfflineNoveltyCheck.earlier(store, request);
        Optional<ExperimentRecord> twin = OfflineNoveltyCheck.sameSource(past, request.source());
        if (twin.isPresent()) {
            return NoveltyVerdict.duplicateOf(twin.get().experimentId(), OfflineNoveltyCheck.NAME,
                    "its source is the source of " + twin.get().name(), List.of());
        }
        SimilaritySearch.Result found;
        try {
            found = search.mostSimilar(past.stream()
                    .map(record -> new SimilaritySearch.Item(record.experimentId(), record.motivation())).toList(),
                    request.motivation(), COMPARED);
        } catch (LlmException e) {
            throw JsonConversation.unavailable(e, List.of());
        }
        Map<String, ExperimentRecord> byId = past.stream()
                .collect(Collectors.toMap(ExperimentRecord::experimentId, Function.identity()));
        List<Similar> similar = found.matches().stream().map(match -> byId.get(match.id()))
                .map(record -> new Similar(record.experimentId(), record.name(), record.motivation())).toList();
        if (similar.isEmpty()) {
            return NoveltyVerdict.novel(OfflineNoveltyCheck.NAME, "no earlier motivation is close to it by "
                    + search.method(), found.calls());
        }
        JsonConversation.Reply reply = conversation.ask(system, prompt(request, similar), 2,
                root -> problem(root, similar), "duplicate, of and reason");
        List<LlmCall> calls = new ArrayList<>(found.calls());
        calls.addAll(reply.calls());
        if (reply.json().isEmpty()) {
            return NoveltyVerdict.novel(reply.model(), "the checker's answers could not be used (" + reply.problem()
                    + "); taken as new", calls);
        }
        JsonNode verdict = reply.json().get();
        return verdict.get("duplicate").asBoolean()
                ? NoveltyVerdict.duplicateOf(verdict.get("of").asText(), reply.model(), verdict.get("reason").asText(),
                        calls)
                : NoveltyVerdict.novel(reply.model(), verdict.get("reason").asText(), calls);
    }

    static String prompt(NoveltyRequest request, List<Similar> similar) {
        return "# New proposal: " + request.name() + "\n" + request.motivation().strip() + "\n\n"
                + "# Most similar earlier experiments\n" + similar.stream()
                .map(match -> "## " + match.experimentId() + " (" + match.name() + ")\n" + match.motivation().strip())
                .collect(Collectors.joining("\n\n")) + "\n";
    }

    /** Why the answer cannot be used, or empty when it can. */
    static String problem(JsonNode root, List<Similar> similar) {
        if (!root.path("duplicate").isBoolean()) {
            return "\"duplicate\" must be true or false";
        }
        if (!root.path("reason").isTextual() || root.path("reason").asText().isBlank()) {
            return "\"reason\" is missing or empty";
        }
        if (root.get("duplicate").asBoolean()) {
            String of = root.path("of").asText("");
            if (similar.stream().noneMatch(match -> match.experimentId().equals(of))) {
                return "\"of\" must be the id of one of the earlier experiments shown ("
                        + similar.stream().map(Similar::experimentId).collect(Collectors.joining(", "))
                        + "), was \"" + of + "\"";
            }
        }
        return "";
    }
}
