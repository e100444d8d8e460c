package dev.asiarch.activities.novelty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.workflows.activities.NoveltyActivities;
import dev.asiarch.workflows.activities.NoveltyRequest;
import dev.asiarch.workflows.activities.NoveltyVerdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The novelty check with an LLM: an identical source is a duplicate without asking; otherwise the five
 * earlier motivations most like the new one (BM25) go to the model, which decides with the
 * conservative rule of its prompt. An answer that does not fit is sent back once with the error; a
 * second unusable answer counts as "not a duplicate", so a confused checker never blocks an idea.
 */
public final class LlmNoveltyCheck implements NoveltyActivities {

    static final int COMPARED = 5;

    private final JsonConversation conversation;
    private final ExperimentStore store;
    private final String system = Prompts.load("novelty-system.md");

    public LlmNoveltyCheck(LlmClient client, PriceTable prices, ExperimentStore store) {
        this.conversation = new JsonConversation(client, prices);
        this.store = store;
    }

    @Override
    public NoveltyVerdict check(NoveltyRequest request) {
        List<ExperimentRecord> past = OfflineNoveltyCheck.earlier(store, request);
        Optional<ExperimentRecord> twin = OfflineNoveltyCheck.sameSource(past, request.source());
        if (twin.isPresent()) {
            return new NoveltyVerdict(true, twin.get().experimentId(), "its source is the source of "
                    + twin.get().name(), OfflineNoveltyCheck.NAME, List.of());
        }
        List<MotivationIndex.Match> similar = MotivationIndex.mostSimilar(past, request.motivation(), COMPARED);
        if (similar.isEmpty()) {
            return NoveltyVerdict.novel(OfflineNoveltyCheck.NAME, "no earlier motivation shares a term with it",
                    List.of());
        }
        JsonConversation.Reply reply = conversation.ask(system, prompt(request, similar), 2,
                root -> problem(root, similar), "duplicate, of and reason");
        if (reply.json().isEmpty()) {
            return NoveltyVerdict.novel(reply.model(), "the checker's answers could not be used (" + reply.problem()
                    + "); taken as new", reply.calls());
        }
        JsonNode verdict = reply.json().get();
        return verdict.get("duplicate").asBoolean()
                ? new NoveltyVerdict(true, verdict.get("of").asText(), verdict.get("reason").asText(), reply.model(),
                        reply.calls())
                : NoveltyVerdict.novel(reply.model(), verdict.get("reason").asText(), reply.calls());
    }

    static String prompt(NoveltyRequest request, List<MotivationIndex.Match> similar) {
        return "# New proposal: " + request.name() + "\n" + request.motivation().strip() + "\n\n"
                + "# Most similar earlier experiments\n" + similar.stream()
                .map(match -> "## " + match.experimentId() + " (" + match.name() + ")\n" + match.motivation().strip())
                .collect(Collectors.joining("\n\n")) + "\n";
    }

    /** Why the answer cannot be used, or empty when it can. */
    static String problem(JsonNode root, List<MotivationIndex.Match> similar) {
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
                        + similar.stream().map(MotivationIndex.Match::experimentId).collect(Collectors.joining(", "))
                        + "), was \"" + of + "\"";
            }
        }
        return "";
    }
}
