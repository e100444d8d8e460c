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
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.novelty.LlmNoveltyCheck;
import dev.asiarch.activities.novelty.OfflineNoveltyCheck;
import dev.asiarch.activities.research.LlmResearcher;
import dev.asiarch.activities.research.OfflineResearcher;
import dev.asiarch.activities.similarity.Bm25Search;
import dev.asiarch.activities.similarity.EmbeddingSearch;
import dev.asiarch.activities.similarity.SimilaritySearch;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.activities.store.StoreActivitiesImpl;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.config.ServesStoreUsers;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.gpu.sandbox.CandidateSandbox;
import dev.asiarch.gpu.sandbox.ChildJvm;
import dev.asiarch.gpu.sandbox.RuntimeClassPath;
import dev.asiarch.gpu.worker.CandidateActivitiesImpl;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.activities.AnalystActivities;
import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.JudgeActivities;
import dev.asiarch.workflows.activities.NoveltyActivities;
import dev.asiarch.workflows.activities.ResearchActivities;
import dev.asiarch.workflows.campaign.CampaignWorkflowImpl;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflowImpl;
import dev.asiarch.workflows.experiment.ExperimentWorkflowImpl;
import dev.asiarch.workflows.validation.ValidationWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal: the embedded server or a remote one, the client, and the workers this process runs
 * ({@code asi-arch.workers}): orchestration (workflows and the store), llm (research agents) and gpu
 * (candidate code, one activity at a time, each in a child JVM).
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

    /**
     * One answer per proposal: whatever the researcher answers becomes one recorded experiment (an
     * answer without a source ends it as NO_PROPOSAL with the reason), never silently replaced by a
     * second answer.
     */
    private static final int RESEARCHER_ANSWERS = 1;

    /** ASI-Arch retrieves cognition entries above this cosine when it compares embeddings. */
    private static final double COGNITION_MIN_COSINE = 0.5;

    @Bean
    @ConditionalOnProperty(name = "asi-arch.temporal.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedTemporalServer embeddedTemporal(AsiArchProperties properties) {
        return new EmbeddedTemporalServer(properties.temporal().embeddedPort());
    }

    @Bean(destroyMethod = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(AsiArchProperties properties,
                                              ObjectProvider<EmbeddedTemporalServer> embedded) {
        EmbeddedTemporalServer server = embedded.getIfAvailable();
        String target = server != null ? server.target() : properties.temporal().target();
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    }

    /** Only a process that starts campaigns needs them. */
    @Bean
    @Conditional(ServesStoreUsers.class)
    SearchAttributeRegistration searchAttributes(AsiArchProperties properties,
                                                 ObjectProvider<EmbeddedTemporalServer> embedded) {
        EmbeddedTemporalServer server = embedded.getIfAvailable();
        return SearchAttributeRegistration.register(server != null ? server.target() : properties.temporal().target(),
                properties.temporal().namespace());
    }

    @Bean
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, AsiArchProperties properties) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(properties.temporal().namespace())
                .build());
    }

    @Bean
    CandidateSandbox candidateSandbox(AsiArchProperties properties) {
        ChildJvm jvm = new ChildJvm(RuntimeClassPath.current(), properties.gpu().limits());
        return new CandidateSandbox(jvm, properties.dataDir().resolve("work").toAbsolutePath(),
                properties.gpu().checkTimeout());
    }

    /**
     * Similar texts by embeddings when the embedder role has a model, else BM25. Novelty compares with the
     * closest past motivations whatever their score; cognition keeps only entries above cosine 0.5.
     */
    private static SimilaritySearch similarity(AsiArchProperties properties, double minCosine) {
        return properties.llm().role("embedder")
                .<SimilaritySearch>map(role -> new EmbeddingSearch(new LlmClient(role, System::getenv),
                        properties.llm().priceTable(), minCosine))
                .orElseGet(Bm25Search::new);
    }

    @Bean
    @Conditional(ServesStoreUsers.class)
    CognitionBase cognitionBase(AsiArchProperties properties) {
        return CognitionBase.load(Optional.of(properties.cognition().folder()),
                similarity(properties, COGNITION_MIN_COSINE));
    }

    @Bean(destroyMethod = "shutdown")
    WorkerFactory workerFactory(WorkflowClient client, AsiArchProperties properties,
                                ObjectProvider<ExperimentStore> stores, ObjectProvider<CognitionBase> cognitions,
                                ObjectProvider<CandidateSandbox> sandbox, ObjectProvider<ArtifactStore> artifacts) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        ExperimentStore store = properties.serves("orchestration") || properties.serves("llm") ? stores.getObject()
                : null;
        CognitionBase cognition = properties.serves("llm") ? cognitions.getObject() : null;
        if (properties.serves("orchestration")) {
            var worker = factory.newWorker(TaskQueues.ORCHESTRATION);
            worker.registerWorkflowImplementationTypes(CampaignWorkflowImpl.class, ExperimentWorkflowImpl.class,
                ValidationWorkflowImpl.class, DiscoveryLoopWorkflowImpl.class);
            worker.registerActivitiesImplementations(new StoreActivitiesImpl(store));
        }
        if (properties.serves("llm")) {
            EngineerActivities engineer = properties.llm().role("engineer")
                    .<EngineerActivities>map(role -> new LlmEngineer(new LlmClient(role, System::getenv),
                            properties.llm().priceTable()))
                    .orElseGet(OfflineEngineer::new);
            ResearchActivities researcher = properties.llm().role("researcher")
                    .<ResearchActivities>map(role -> new LlmResearcher(new LlmClient(role, System::getenv),
                            properties.llm().priceTable(), store, cognition, RESEARCHER_ANSWERS))
                    .orElseGet(() -> new OfflineResearcher(store));
            NoveltyActivities novelty = properties.llm().role("novelty")
                    .<NoveltyActivities>map(role -> new LlmNoveltyCheck(new LlmClient(role, System::getenv),
                            properties.llm().priceTable(), store, similarity(properties, -1)))
                    .orElseGet(() -> new OfflineNoveltyCheck(store));
            JudgeActivities judge = properties.llm().role("judge")
                    .<JudgeActivities>map(role -> new LlmJudge(new LlmClient(role, System::getenv),
                            properties.llm().priceTable(), store))
                    .orElseGet(() -> new OfflineJudge(store));
            AnalystActivities sections = properties.llm().role("analyst")
                    .<AnalystActivities>map(role -> new LlmAnalyst(new LlmClient(role, System::getenv),
                            properties.llm().priceTable(), store))
                    .orElseGet(() -> new OfflineAnalyst(store));
            Summarizer summarizer = properties.llm().role("summarizer")
                    .<Summarizer>map(role -> new LlmSummarizer(new LlmClient(role, System::getenv),
                            properties.llm().priceTable()))
                    .orElseGet(OfflineSummarizer::new);
            AnalystActivities analyst = new CognitiveAnalyst(sections, cognition, summarizer);
            factory.newWorker(TaskQueues.LLM).registerActivitiesImplementations(researcher, novelty, engineer, judge,
                    analyst);
        }
        if (properties.serves("gpu")) {
            // One candidate at a time: a training run owns the device (or, on CPU, the cores). Heartbeats
            // carry the latest checkpoint's key, so they reach the server within a second or two instead
            // of the SDK's default throttle (80% of the heartbeat timeout): a worker that dies loses at
            // most one checkpoint interval.
            factory.newWorker(TaskQueues.GPU, WorkerOptions.newBuilder()
                            .setMaxConcurrentActivityExecutionSize(1)
                            .setMaxHeartbeatThrottleInterval(properties.gpu().heartbeatThrottle())
                            .build())
                    .registerActivitiesImplementations(
                            new CandidateActivitiesImpl(sandbox.getObject(), artifacts.getObject()));
        }
        factory.start();
        return factory;
    }
}
