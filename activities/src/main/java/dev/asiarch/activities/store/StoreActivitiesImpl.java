package dev.asiarch.activities.store;

import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.activities.CampaignOpening;
import dev.asiarch.workflows.activities.StoreActivities;
import io.temporal.failure.ApplicationFailure;

/** The store's activities: thin, idempotent writes through {@link ExperimentStore}. */
public final class StoreActivitiesImpl implements StoreActivities {

    private final ExperimentStore store;

    public StoreActivitiesImpl(ExperimentStore store) {
        this.store = store;
    }

    @Override
    public void openCampaign(CampaignOpening campaign) {
        store.openCampaign(campaign.campaignId(), campaign.profile(), campaign.experiments(), campaign.seed(),
                campaign.startedAtMillis());
    }

    @Override
    public void record(ExperimentRecord record) {
        store.record(record);
    }

    @Override
    public void closeCampaign(String campaignId, String status, long finishedAtMillis) {
        store.closeCampaign(campaignId, status, finishedAtMillis);
    }

    @Override
    public String sourceOf(String experimentId) {
        return store.find(experimentId).map(ExperimentRecord::source).orElseThrow(() ->
                ApplicationFailure.newNonRetryableFailure("experiment " + experimentId + " is not in the store",
                        "UnknownExperiment"));
    }

    @Override
    public void recordValidation(ValidationResult result) {
        store.recordValidation(result);
    }
}
