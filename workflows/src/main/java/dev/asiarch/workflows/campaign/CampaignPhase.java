package dev.asiarch.workflows.campaign;

/** Where a campaign is in its life. */
public enum CampaignPhase {
    BASELINE,
    EXPLORING,
    FINISHED,
    /** The baseline could not be trained, so nothing can be compared. */
    FAILED
}
