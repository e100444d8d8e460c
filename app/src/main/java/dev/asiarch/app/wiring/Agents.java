package dev.asiarch.app.wiring;

import dev.asiarch.activities.analyst.CognitiveAnalyst;
import dev.asiarch.activities.analyst.LlmAnalyst;
import dev.asiarch.activities.analyst.LlmSummarizer;
import dev.asiarch.activities.analyst.OfflineAnalyst;
import dev.asiarch.activities.analyst.OfflineSummarizer;
import dev.asiarch.activities.analyst.Summarizer;
import dev.asiarch.activities.cognition.CognitionBase;
import dev.asiarch.activities.engineer.LlmEngineer;
import dev.asiarch.activities.engineer.OfflineEngineer;
import dev.asiarch.activities.judge.LlmJudge;
import dev.asiarch.activities.judge.OfflineJudge;
import dev.asiarch.activities.llm.AgentRole;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.novelty.LlmNoveltyCheck;
import dev.asiarch.activities.novelty.OfflineNoveltyCheck;
import dev.asiarch.activities.research.LlmResearcher;
import dev.asiarch.activities.research.OfflineResearcher;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.similarity.EmbeddingSearch;
import dev.asiarch.activities.similarity.SimilaritySearch;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.workflows.activities.AnalystActivities;
import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.JudgeActivities;
import dev.asiarch.workflows.activities.NoveltyActivities;
import dev.asiarch.workflows.activities.ResearchActivities;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agents of the llm queue, one per {@link AgentRole}. {@link #of} is the one way an agent is built:
 * over the role's model when {@code asi-arch.llm.roles.<role>.model} names one, else its offline
 * counterpart.
 */
final class Agents {

    /**
     * One answer per proposal: whatever the researcher answers becomes one recorded experiment (an
     * answer without a source ends it as NO_PROPOSAL with the reason), never silently replaced by a
     * second answer.
     */
    private static final int RESEARCHER_ANSWERS = 1;

    /** ASI-Arch retrieves cognition entries above this cosine when it compares embeddings. */
    private static final double COGNITION_MIN_COSINE = 0.5;

    /** Novelty compares with the closest past motivations whatever their cosine. */
    private static final double ANY_COSINE = -1;

    private final AsiArchProperties.Llm llm;
    private final Function<String, String> environment;
    private final PriceTable prices;

    /** @param environment where the roles' keys are read, by variable name */
    Agents(AsiArchProperties.Llm llm, Function<String, String> environment) {
        this.llm = llm;
        this.environment = environment;
        this.prices = llm.priceTable();
    }

    /** {@code role}'s agent: {@code online} over the role's model when it has one, else {@code offline}. */
    <T> T of(AgentRole role, Function<LlmClient, T> online, Supplier<T> offline) {
        return llm.connection(role).map(connection -> online.apply(new LlmClient(connection, environment)))
                .orElseGet(offline);
    }

    /** Similar texts by embeddings (at least {@code minCosine}) when the embedder has a model, else by BM25. */
    SimilaritySearch similarity(double minCosine) {
        return of(AgentRole.EMBEDDER, client -> new EmbeddingSearch(client, prices, minCosine), Bm25Search::new);
    }

    /**
     * The llm queue's activities, reading the experiment store and the cognition base (the shipped entries
     * and the user's in {@code cognitionFolder}).
     */
    List<Object> activities(ExperimentStore store, Path cognitionFolder) {
        CognitionBase cognition = CognitionBase.load(Optional.of(cognitionFolder), similarity(COGNITION_MIN_COSINE));
        ResearchActivities researcher = of(AgentRole.RESEARCHER,
                client -> new LlmResearcher(client, prices, store, cognition, RESEARCHER_ANSWERS),
                () -> new OfflineResearcher(store));
        NoveltyActivities novelty = of(AgentRole.NOVELTY,
                client -> new LlmNoveltyCheck(client, prices, store, similarity(ANY_COSINE)),
                () -> new OfflineNoveltyCheck(store));
        EngineerActivities engineer = of(AgentRole.ENGINEER,
                client -> new LlmEngineer(client, prices),
                OfflineEngineer::new);
        JudgeActivities judge = of(AgentRole.JUDGE,
                client -> new LlmJudge(client, prices, store),
                () -> new OfflineJudge(store));
        AnalystActivities sections = of(AgentRole.ANALYST,
                client -> new LlmAnalyst(client, prices, store),
                () -> new OfflineAnalyst(store));
        Summarizer summarizer = of(AgentRole.SUMMARIZER,
                client -> new LlmSummarizer(client, prices),
                OfflineSummarizer::new);
        return List.of(researcher, novelty, engineer, judge, new CognitiveAnalyst(sections, cognition, summarizer));
    }
}
