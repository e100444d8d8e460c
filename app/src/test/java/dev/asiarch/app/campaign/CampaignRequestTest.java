package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.workflows.campaign.CampaignInput;
import org.junit.jupiter.api.Test;

/** The command line's and the REST API's campaign: the same defaults and rules as any Temporal client's. */
class CampaignRequestTest {

    @Test
    void takesTheDefaultsACampaignStartedFromAnyTemporalClientTakes() {
        assertThat(CampaignRequest.defaults().toSpec("c-1", false)).isEqualTo(CampaignInput.empty().toSpec("c-1"));
    }

    @Test
    void namesEveryProblemByItsOptionName() {
        CampaignRequest request = new CampaignRequest(0, "cpu-huge", null, 0, -1, -1.0, -2.0, 0, 2, "huge", 1,
                "greedy", 0);

        assertThat(request.problems()).containsExactly(
                "experiments must be at least 1, was 0",
                "profile: screening profile 'cpu-huge' is unknown; known: cpu-small, cpu-smoke, cpu-tiny, gpu-20m, "
                        + "gpu-340m",
                "pool-refresh must be at least 1, was 0",
                "repair-rounds cannot be negative, was -1",
                "llm-budget must be a number of dollars >= 0, was -1.0",
                "parallel must be at least 1, was 0",
                "gpu-budget must be a number of hours >= 0, was -2.0",
                "validation-seeds must be at least 2 for a significance test, was 1",
                "validation-profile: screening profile 'huge' is unknown; known: cpu-small, cpu-smoke, cpu-tiny, "
                        + "gpu-20m, gpu-340m",
                "strategy: strategy 'greedy' is unknown; known: pool, random",
                "baseline-seeds must be at least 1, was 0");
    }
}
