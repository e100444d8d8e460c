package dev.asiarch.workflows.campaign;

import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.pool.CandidateFilter;
import dev.asiarch.core.pool.CandidatePool;
import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.core.pool.PoolSample;
import dev.asiarch.workflows.StoreStub;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.activities.CampaignOpening;
import dev.asiarch.workflows.activities.StoreActivities;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The discovery loop: the baseline (DeltaNet) first, so every fitness compares like with like; then
 * each candidate evolves from a parent sampled from the pool, with references as context. Admitted
 * candidates join the pool in batches, as in ASI-Arch.
 */
public class CampaignWorkflowImpl implements CampaignWorkflow {

    private final StoreActivities store = StoreStub.create();

    private final List<ExperimentOutcome> finished = new ArrayList<>();
    private String campaignId = "";
    private CampaignPhase phase = CampaignPhase.BASELINE;
    private int total;
    private Optional<String> running = Optional.empty();

    @Override
    public CampaignResult run(CampaignSpec spec) {
        campaignId = spec.campaignId();
        total = spec.experiments() + 1;
        store.openCampaign(new CampaignOpening(spec.campaignId(), spec.profile(), spec.experiments(), spec.seed(),
                Workflow.currentTimeMillis()));

        ExperimentOutcome baseline = runExperiment(new ExperimentRequest(spec.campaignId(), spec.experimentId(0),
                ExperimentRole.BASELINE, spec.profile(), Optional.empty(), List.of(), OptionalDouble.empty(),
                OptionalDouble.empty(), spec.seed(), spec.repairRounds()));
        if (!baseline.trained()) {
            return close(spec, CampaignPhase.FAILED, List.of());
        }
        double baselineLoss = baseline.validationLoss().orElseThrow();
        CandidatePool pool = CandidatePool.of(spec.poolCapacity(), List.of(entry(baseline)));
        List<PoolEntry> admitted = new ArrayList<>();
        Random random = new Random(spec.seed());

        phase = CampaignPhase.EXPLORING;
        double spentUsd = baseline.llmCostUsd();
        for (int index = 1; index <= spec.experiments(); index++) {
            if (spec.llmBudgetUsd() > 0 && spentUsd >= spec.llmBudgetUsd()) {
                pool = pool.admit(admitted);
                return close(spec, CampaignPhase.BUDGET_REACHED,
                        pool.ranked().stream().map(PoolEntry::experimentId).toList());
            }
            PoolSample sample = pool.sample(random);
            ExperimentOutcome outcome = runExperiment(new ExperimentRequest(spec.campaignId(),
                    spec.experimentId(index), ExperimentRole.CANDIDATE, spec.profile(),
                    Optional.of(sample.parent().experimentId()),
                    sample.references().stream().map(PoolEntry::experimentId).toList(),
                    OptionalDouble.of(baselineLoss), baseline.benchmarkScore(), spec.seed() + index,
                    spec.repairRounds()));
            spentUsd += outcome.llmCostUsd();
            if (outcome.trained() && CandidateFilter.admits(baselineLoss, outcome.validationLoss().orElseThrow(),
                    baseline.benchmarkScore(), outcome.benchmarkScore())) {
                admitted.add(entry(outcome));
            }
            if (admitted.size() >= spec.poolRefreshEvery()) {
                pool = pool.admit(admitted);
                admitted.clear();
            }
        }
        pool = pool.admit(admitted);
        return close(spec, CampaignPhase.FINISHED, pool.ranked().stream().map(PoolEntry::experimentId).toList());
    }

    @Override
    public CampaignProgress progress() {
        return new CampaignProgress(campaignId, phase, total, List.copyOf(finished), running);
    }

    private ExperimentOutcome runExperiment(ExperimentRequest request) {
        running = Optional.of(request.experimentId());
        ExperimentWorkflow experiment = Workflow.newChildWorkflowStub(ExperimentWorkflow.class,
                ChildWorkflowOptions.newBuilder()
                        .setWorkflowId(request.experimentId())
                        .setTaskQueue(TaskQueues.ORCHESTRATION)
                        .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE)
                        .build());
        ExperimentOutcome outcome = experiment.run(request);
        finished.add(outcome);
        running = Optional.empty();
        return outcome;
    }

    private CampaignResult close(CampaignSpec spec, CampaignPhase end, List<String> ranking) {
        phase = end;
        store.closeCampaign(spec.campaignId(), end.name(), Workflow.currentTimeMillis());
        return new CampaignResult(spec.campaignId(), end, List.copyOf(finished), ranking);
    }

    private static PoolEntry entry(ExperimentOutcome outcome) {
        return new PoolEntry(outcome.experimentId(), outcome.name(), outcome.fitness().orElseThrow());
    }
}
