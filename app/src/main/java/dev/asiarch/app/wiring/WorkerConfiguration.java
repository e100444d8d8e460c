package dev.asiarch.app.wiring;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.StoreActivitiesImpl;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.config.ConditionalOnQueue;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import dev.asiarch.gpu.worker.CandidateActivitiesImpl;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflowImpl;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import dev.asiarch.workflows.validation.ValidationWorkflowImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker of each task queue this process serves ({@code asi-arch.workers}), one bean per queue, built
 * only where that queue is served and only from what its activities use: a GPU worker has no database,
 * an orchestrator no agents.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    /** Workflows and the experiment store. */
    @Bean
    @ConditionalOnQueue("orchestration")
    QueueWorker orchestrationWorker(ExperimentStore store) {
        return factory -> {
            Worker worker = factory.newWorker(TaskQueues.ORCHESTRATION);
            worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, ExperimentWorkflowImpl.class,
                    ValidationWorkflowImpl.class, DiscoveryLoopWorkflowImpl.class);
            worker.registerActivitiesImplementations(new StoreActivitiesImpl(store));
        };
    }

    /** The agents, each over its role's model or offline ({@link Agents}). */
    @Bean
    @ConditionalOnQueue("llm")
    QueueWorker agentWorker(AsiArchProperties properties, ExperimentStore store) {
        List<Object> agents = new Agents(properties.llm(), System::getenv)
                .activities(store, properties.cognition().folder());
        return factory -> factory.newWorker(TaskQueues.LLM).registerActivitiesImplementations(agents.toArray());
    }

    /** Also what {@code replay} trains with, so it is built whichever queues are served. */
    @Bean
    CandidateSandbox candidateSandbox(AsiArchProperties properties) {
        ChildJvm jvm = new ChildJvm(RuntimeClassPath.current(), properties.gpu().limits());
        return new CandidateSandbox(jvm, properties.dataDir().resolve("work").toAbsolutePath(),
                properties.gpu().checkTimeout());
    }

    /**
     * One candidate at a time: a training run owns the device (or, on CPU, the cores). Heartbeats carry the
     * latest checkpoint's key, so they reach the server within a second or two instead of the SDK's default
     * throttle (80% of the heartbeat timeout): a worker that dies loses at most one checkpoint interval.
     */
    @Bean
    @ConditionalOnQueue("gpu")
    QueueWorker candidateWorker(AsiArchProperties properties, CandidateSandbox sandbox, ArtifactStore artifacts) {
        WorkerOptions options = WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(1)
                .setMaxHeartbeatThrottleInterval(properties.gpu().heartbeatThrottle())
                .build();
        return factory -> factory.newWorker(TaskQueues.GPU, options)
                .registerActivitiesImplementations(new CandidateActivitiesImpl(sandbox, artifacts));
    }
}
