package dev.asiarch.workflows.campaign;

/** Where a campaign is in its life. */
public enum CampaignPhase {
    BASELINE,
    EXPLORING,
    FINISHED,
    /** The LLM budget was spent: the experiment in flight finished, no new one was proposed. */
    BUDGET_REACHED,
    /** The baseline could not be trained, so nothing can be compared. */
    FAILED
}
