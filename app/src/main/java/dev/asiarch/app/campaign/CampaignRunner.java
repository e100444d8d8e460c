package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.config.ServesStoreUsers;
import dev.asiarch.app.console.ProgressBar;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.pool.PoolVerdict;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.campaign.CampaignProgress;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.continuous.DiscoveryLoopWorkflow;
import dev.asiarch.workflows.continuous.LoopProgress;
import dev.asiarch.workflows.continuous.LoopSpec;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.WorkerFactory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Starts a campaign workflow and follows it: a line per experiment step (from the workflows'
 * queries), then the leaderboard from the store.
 */
@Component
@Conditional(ServesStoreUsers.class)
public class CampaignRunner {

    private static final Duration POLL = Duration.ofMillis(500);

    private final WorkflowClient client;
    private final Campaigns campaigns;
    private final ExperimentStore store;

    /** Taking the worker factory makes sure workers run before a campaign is started. */
    public CampaignRunner(WorkflowClient client, WorkerFactory workers, Campaigns campaigns, ExperimentStore store) {
        this.client = client;
        this.campaigns = campaigns;
        this.store = store;
    }

    public CampaignResult run(CampaignSpec spec, PrintWriter out) throws InterruptedException {
        CampaignWorkflow campaign = campaigns.start(spec);
        CompletableFuture<CampaignResult> result = WorkflowStub.fromTyped(campaign).getResultAsync(CampaignResult.class);
        long started = System.nanoTime();
        Set<String> printed = new HashSet<>();
        while (!result.isDone()) {
            report(spec, campaign, started, printed, out);
            Thread.sleep(POLL.toMillis());
        }
        report(spec, campaign, started, printed, out);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof WorkflowException failure ? failure
                    : new IllegalStateException("campaign " + spec.campaignId() + " failed", e.getCause());
        }
    }

    /**
     * Runs a discovery loop (the embedded server's stand-in for a Temporal Schedule) until it ends,
     * printing each campaign's result and leaderboard as it finishes.
     */
    public LoopProgress runLoop(LoopSpec spec, PrintWriter out) throws InterruptedException {
        DiscoveryLoopWorkflow loop = client.newWorkflowStub(DiscoveryLoopWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(spec.loopId())
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .build());
        WorkflowClient.start(loop::run, spec, 0);
        CompletableFuture<LoopProgress> result = WorkflowStub.fromTyped(loop).getResultAsync(LoopProgress.class);
        long started = System.nanoTime();
        int reported = 0;
        while (true) {
            LoopProgress progress;
            try {
                progress = result.isDone() ? result.get() : loop.progress();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof WorkflowException failure ? failure
                        : new IllegalStateException("loop " + spec.loopId() + " failed", e.getCause());
            } catch (RuntimeException queryNotReadyYet) {
                Thread.sleep(POLL.toMillis());
                continue;
            }
            if (progress.completed() > reported && progress.last().isPresent()) {
                reported = progress.completed();
                CampaignResult last = progress.last().get();
                out.printf(Locale.ROOT, "[%6.1fs] %s: %s, %d experiments (%d trained)%n",
                        (System.nanoTime() - started) / 1e9, last.campaignId(), last.phase(), last.experiments(),
                        last.trained());
                LeaderboardPrinter.print(LeaderboardEntry.of(store, last.campaignId()), out);
                out.flush();
            }
            if (result.isDone()) {
                return progress;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    public ExperimentStore store() {
        return store;
    }

    private void report(CampaignSpec spec, CampaignWorkflow campaign, long started, Set<String> printed,
                        PrintWriter out) {
        CampaignProgress progress;
        try {
            progress = campaign.progress();
        } catch (RuntimeException queryNotReadyYet) {
            return;
        }
        int firstRecent = progress.completed() - progress.recent().size();
        for (int i = 0; i < progress.recent().size(); i++) {
            ExperimentOutcome outcome = progress.recent().get(i);
            int done = firstRecent + i + 1;
            print(outcome.experimentId(), "done", () -> line(spec, outcome) + "  "
                    + ProgressBar.render(done, progress.total(), "done"), started, printed, out);
        }
        campaigns.inFlight(progress).forEach(step -> print(step.experimentId(), step.step().name(),
                () -> (step.name().isEmpty() ? "" : step.name() + ": ") + step.doing(), started, printed, out));
    }

    /** A finished experiment in one line; a suspected leak says so, with the filter's reason. */
    private String line(CampaignSpec spec, ExperimentOutcome outcome) {
        if (!(outcome instanceof ExperimentOutcome.Trained trained)) {
            return outcome.name() + ": FAILED (" + ((ExperimentOutcome.Failed) outcome).failure() + ")";
        }
        ExperimentRole role = outcome.experimentId().equals(spec.experimentId(0)) ? ExperimentRole.BASELINE
                : ExperimentRole.CANDIDATE;
        Optional<String> leak = role == ExperimentRole.BASELINE ? Optional.empty()
                : CampaignBaseline.recorded(store.campaignOutlines(spec.campaignId()))
                        .flatMap(b -> b.verdict(role, outcome.status(), OptionalDouble.of(trained.validationLoss()),
                                trained.benchmarkScore()))
                        .filter(PoolVerdict::suspectedLeak)
                        .map(PoolVerdict::reason);
        return String.format(Locale.ROOT, "%s: TRAINED, validation loss %.4f, benchmarks %s, fitness %.3f%s",
                outcome.name(), trained.validationLoss(), trained.benchmarkScore().isPresent()
                        ? String.format(Locale.ROOT, "%.3f", trained.benchmarkScore().getAsDouble()) : "-",
                trained.fitness(), leak.map(reason -> "; " + reason).orElse(""));
    }

    /** Prints each line once; the text is made only then, since it may read the store. */
    private static void print(String experimentId, String key, Supplier<String> text, long started, Set<String> printed,
                              PrintWriter out) {
        if (printed.add(experimentId + "/" + key)) {
            String shortId = experimentId.substring(experimentId.lastIndexOf('-') + 1);
            out.printf(Locale.ROOT, "[%6.1fs] %s %s%n", (System.nanoTime() - started) / 1e9, shortId, text.get());
            out.flush();
        }
    }
}
