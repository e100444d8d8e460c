package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.PoolEntry;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Measures the baseline, then evolves candidates from the pool, up to {@code parallelism} at a time,
 * steered by signals. Long campaigns continue as new, carrying their {@link CampaignState}.
 */
@WorkflowInterface
public interface CampaignWorkflow {

    /** The type of the failure a campaign ends with when what it was started with is wrong. */
    String INVALID_CAMPAIGN = "InvalidCampaign";

    /**
     * Starts a campaign. Any Temporal client may start one with the campaign's JSON alone, even
     * {@code {"experiments": 5}}: the fields left out take their defaults, and a bad one fails the workflow at
     * once with a non-retryable {@link #INVALID_CAMPAIGN} failure that names it.
     *
     * @param campaign what to run; null runs a campaign of defaults
     * @param state    what a previous run carried when it continued as new; null or left out for a new campaign
     */
    @WorkflowMethod
    CampaignResult run(CampaignInput campaign, CampaignState state);

    @QueryMethod
    CampaignProgress progress();

    /** The pool, best first. */
    @QueryMethod
    List<PoolEntry> leaderboard();

    /** No new experiment starts until {@link #resume()}; those in flight finish. */
    @SignalMethod
    void pause();

    @SignalMethod
    void resume();

    /** Ends the campaign once the experiments in flight finish. */
    @SignalMethod
    void stop();

    /** Every new experiment evolves from this pool member until {@link #unpin()}. */
    @SignalMethod
    void pin(String experimentId);

    @SignalMethod
    void unpin();

    /** Removes the experiment from the pool: it is never a parent or reference again. */
    @SignalMethod
    void ban(String experimentId);

    /** An idea for the next Researcher to work from. */
    @SignalMethod
    void inject(String idea);
}
