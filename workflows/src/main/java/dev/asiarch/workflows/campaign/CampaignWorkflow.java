package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.PoolEntry;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Measures the baseline, then evolves candidates from the pool, up to {@code parallelism} at a time,
 * steered by the research team. Long campaigns continue as new, carrying their {@link CampaignState}.
 *
 * <p>Steering comes two ways. Signals (pause, resume, stop, pin, unpin, ban, inject) are fire and forget:
 * what the campaign made of one is in its steering log. The updates {@code pinParent}, {@code unpinParent},
 * {@code banExperiment} and {@code injectIdea} do what the signals of the same verb do, answer with what
 * they did, and are refused, with a {@link #STEERING_REFUSED} failure that says why, when the campaign
 * cannot take them; a refused update changes nothing and leaves no trace in the history. Updates have
 * names of their own so that no tool or SDK can mistake one for a signal.
 */
@WorkflowInterface
public interface CampaignWorkflow {

    /** The type of the failure a campaign ends with when what it was started with is wrong. */
    String INVALID_CAMPAIGN = "InvalidCampaign";

    /** The type of the failure a steering update is refused with; its message is the reason. */
    String STEERING_REFUSED = SteeringRefused.class.getName();

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

    /**
     * Every new experiment evolves from this pool member until {@link #unpin()}; any other is ignored and
     * the steering log says why.
     */
    @SignalMethod
    void pin(String experimentId);

    @SignalMethod
    void unpin();

    /**
     * Removes the experiment from the pool: it is never a parent or reference again. The pool's only member
     * is kept, and the steering log says so.
     */
    @SignalMethod
    void ban(String experimentId);

    /** An idea for the next Researcher to work from; an empty one is ignored, and the steering log says so. */
    @SignalMethod
    void inject(String idea);

    /**
     * Pins the parent of every new experiment, as {@link #pin} does, and answers with the log entry.
     * Refused unless {@code experimentId} is a pool member and an experiment is left to start.
     */
    @UpdateMethod
    String pinParent(String experimentId);

    @UpdateValidatorMethod(updateName = "pinParent")
    void validatePinParent(String experimentId);

    /** Parents are sampled again, as after {@link #unpin}; answers with the log entry. Never refused. */
    @UpdateMethod
    String unpinParent();

    /**
     * Bans an experiment, as {@link #ban} does, and answers with the log entry. Refused unless the campaign
     * started that experiment and the pool keeps a member without it.
     */
    @UpdateMethod
    String banExperiment(String experimentId);

    @UpdateValidatorMethod(updateName = "banExperiment")
    void validateBanExperiment(String experimentId);

    /**
     * Hands an idea to the next Researcher, as {@link #inject} does, and answers with the log entry. Refused
     * when it is empty or when no experiment is left to start that has no idea waiting for it.
     */
    @UpdateMethod
    String injectIdea(String idea);

    @UpdateValidatorMethod(updateName = "injectIdea")
    void validateInjectIdea(String idea);
}
