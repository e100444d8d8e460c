package dev.asiarch.activities.store;

import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.activities.BaselineSeeds;
import dev.asiarch.workflows.activities.CampaignOpening;
import dev.asiarch.workflows.activities.StoreActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** The store's activities: thin, idempotent writes through {@link ExperimentStore}. */
public final class StoreActivitiesImpl implements StoreActivities {

    private final ExperimentStore store;

    public StoreActivitiesImpl(ExperimentStore store) {
        this.store = store;
    }

    @Override
    public void openCampaign(CampaignOpening campaign) {
        store.openCampaign(campaign.campaignId(), campaign.profile(), campaign.experiments(), campaign.seed(),
                campaign.startedAtMillis(), campaign.strategy(), campaign.baselineSeeds());
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
    public void recordBaselineSeeds(BaselineSeeds seeds) {
        seeds.runs().forEach(run -> store.recordBaselineSeed(seeds.campaignId(), run.seed(), Optional.of(run), ""));
        seeds.failures().forEach(failed -> store.recordBaselineSeed(seeds.campaignId(), failed.seed(),
                Optional.empty(), failed.reason()));
    }

    @Override
    public void recordValidation(ValidationResult result) {
        store.recordValidation(result);
    }

    @Override
    public void recordFidelity(String campaignId, String profile) {
        store.recordFidelity(campaignId, profile);
    }
}
