package dev.asiarch.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.testing.Databases;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.artifacts.S3Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Each queue's worker is built only where its queue is served, from that queue's own collaborators: a
 * GPU worker starts with no database at all, and an orchestrator builds no agents.
 */
class WorkerConfigurationTest {

    @TempDir
    Path data;

    private ApplicationContextRunner serving(String workers) {
        AsiArchProperties properties = new AsiArchProperties(data, List.of(workers.split(",")),
                new AsiArchProperties.Temporal(AsiArchProperties.Mode.EMBEDDED, 7233, "", null),
                new AsiArchProperties.S3(AsiArchProperties.Mode.EMBEDDED, 0, "", "", "", null, null), null, null, null);
        return new ApplicationContextRunner()
                .withUserConfiguration(WorkerConfiguration.class)
                .withPropertyValues("asi-arch.workers=" + workers)
                .withBean(AsiArchProperties.class, () -> properties)
                .withBean(ArtifactStore.class, () -> new ArtifactStore(new S3Settings("http://127.0.0.1:9", "k", "s",
                        "asi-arch", "us-east-1")));
    }

    @Test
    void aGpuWorkerNeedsNoStoreAndBuildsNoAgents() {
        serving("gpu").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ExperimentStore.class);
            assertThat(context.getBeansOfType(QueueWorker.class)).containsOnlyKeys("candidateWorker");
        });
    }

    @Test
    void anOrchestratorAndAnAgentWorkerShareTheStoreAndLeaveTheGpuQueueAlone() {
        serving("orchestration,llm").withBean(ExperimentStore.class, () -> new ExperimentStore(Databases.h2()))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(QueueWorker.class))
                            .containsOnlyKeys("orchestrationWorker", "agentWorker");
                });
    }
}
