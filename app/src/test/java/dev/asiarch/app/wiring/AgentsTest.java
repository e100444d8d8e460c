package dev.asiarch.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.analyst.CognitiveAnalyst;
import dev.asiarch.activities.engineer.LlmEngineer;
import dev.asiarch.activities.engineer.OfflineEngineer;
import dev.asiarch.activities.judge.LlmJudge;
import dev.asiarch.activities.judge.OfflineJudge;
import dev.asiarch.activities.novelty.OfflineNoveltyCheck;
import dev.asiarch.activities.research.LlmResearcher;
import dev.asiarch.activities.research.OfflineResearcher;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.similarity.EmbeddingSearch;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.app.config.AsiArchProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every role's agent talks to its model when the role names one, and is its offline counterpart when not. */
class AgentsTest {

    @TempDir
    Path cognition;

    private final ExperimentStore store = new ExperimentStore(Databases.h2());

    private static AsiArchProperties.Llm llm(Map<String, String> models) {
        Map<String, AsiArchProperties.Role> roles = new HashMap<>();
        models.forEach((role, model) -> roles.put(role,
                new AsiArchProperties.Role(model, null, null, null, null, null, null)));
        return new AsiArchProperties.Llm("http://127.0.0.1:9/v1", null, roles, null);
    }

    @Test
    void rolesWithoutAModelAreAnsweredOffline() {
        Agents agents = new Agents(llm(Map.of()), name -> null);

        assertThat(agents.activities(store, cognition)).hasExactlyElementsOfTypes(OfflineResearcher.class,
                OfflineNoveltyCheck.class, OfflineEngineer.class, OfflineJudge.class, CognitiveAnalyst.class);
        assertThat(agents.similarity(0.5)).isInstanceOf(Bm25Search.class);
    }

    @Test
    void rolesWithAModelTalkToItAndTheOthersStayOffline() {
        Agents agents = new Agents(llm(Map.of("researcher", "reasoner", "engineer", "coder", "judge", "judge-8b",
                "embedder", "embed-small")), name -> null);

        assertThat(agents.activities(store, cognition)).hasExactlyElementsOfTypes(LlmResearcher.class,
                OfflineNoveltyCheck.class, LlmEngineer.class, LlmJudge.class, CognitiveAnalyst.class);
        assertThat(agents.similarity(0.5)).isInstanceOf(EmbeddingSearch.class);
    }
}
