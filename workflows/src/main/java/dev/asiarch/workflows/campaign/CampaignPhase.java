package dev.asiarch.workflows.campaign;

/** Where a campaign is in its life. */
public enum CampaignPhase {
    BASELINE,
    EXPLORING,
    /** Held by a pause signal: experiments in flight finish, no new one starts until resumed. */
    PAUSED,
    FINISHED,
    /** The LLM budget was spent: the experiments in flight finished, no new one was proposed. */
    BUDGET_REACHED,
    /** The GPU-hours budget was spent: the experiments in flight finished, no new one was started. */
    GPU_BUDGET_REACHED,
    /** Stopped by a signal: the experiments in flight finished, no new one was started. */
    STOPPED,
    /** The end's validation: the best candidates are screened again with more seeds. */
    VALIDATING,
    /** The baseline could not be trained, so nothing can be compared. */
    FAILED
}
