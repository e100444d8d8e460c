package dev.asiarch.workflows.activities;

import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.validation.ValidationResult;
import io.temporal.activity.ActivityInterface;

/** The experiment store, on the orchestration task queue. Every write is idempotent. */
@ActivityInterface
public interface StoreActivities {

    void openCampaign(CampaignOpening campaign);

    /** Writes the record once; a retry with the same experiment id changes nothing. */
    void record(ExperimentRecord record);

    void closeCampaign(String campaignId, String status, long finishedAtMillis);

    /** The source an experiment was screened with. */
    String sourceOf(String experimentId);

    /** Writes the baseline's noise-floor runs once per (campaign, seed); a retry changes nothing. */
    void recordBaselineSeeds(BaselineSeeds seeds);

    /** Writes a validation result once per (experiment, profile); a retry changes nothing. */
    void recordValidation(ValidationResult result);

    /**
     * Computes and writes the campaign's screening fidelity against the validation {@code profile}, from the
     * validations recorded there; a retry writes the same.
     */
    void recordFidelity(String campaignId, String profile);
}
