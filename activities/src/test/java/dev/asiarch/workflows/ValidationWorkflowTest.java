package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.validation.ValidationWorkflowImpl;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The end of a campaign: the best candidates screened again with more seeds, judged by a significance test. */
class ValidationWorkflowTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();
    private final FakeActivities fakes = stack.fakes;

    @Test
    void onlyACandidateBetterBeyondTheSeedNoiseIsReportedAsBeatingTheBaseline() throws Exception {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.80);
        fakes.losses.put("Cand002", 1.99);
        fakes.losses.put("Cand003", 2.05);
        CampaignWorkflow campaign = stack.campaign("v");

        CampaignResult result = campaign.run(CampaignInput.of(CampaignSpec.of("v", 3, "cpu-smoke", 7)
                .withValidation(new CampaignSpec.ValidationPlan(2, "cpu-tiny", 3))), CampaignState.start());

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.beatBaseline()).containsExactly("v-e001");
        assertThat(fakes.validations).containsOnlyKeys("v-e001", "v-e002");
        ValidationResult better = fakes.validations.get("v-e001");
        assertThat(better.profile()).isEqualTo("cpu-tiny");
        assertThat(better.seeds()).containsExactly(1L, 2L, 3L);
        // Seeds 1, 2 and 3 land 0, +0.01 and -0.01 from the baseline's loss, and in another order from the design's.
        assertThat(better.losses()).usingElementComparator(ValidationWorkflowTest::closeTo)
                .containsExactly(1.81, 1.79, 1.80);
        assertThat(better.baselineLosses()).usingElementComparator(ValidationWorkflowTest::closeTo)
                .containsExactly(2.0, 2.01, 1.99);
        assertThat(better.comparison()).hasValueSatisfying(c -> {
            assertThat(c.degreesOfFreedom()).isEqualTo(4);
            assertThat(c.t()).isGreaterThan(c.criticalT());
        });
        // It beats the baseline as fitness says: on each seed against the baseline of that seed, above 0.5.
        assertThat(better.fitness()).hasSize(3).allSatisfy(f -> assertThat(f).isGreaterThan(0.7));
        assertThat(better.fitnessComparison()).hasValueSatisfying(c -> assertThat(c.beatsBaseline()).isTrue());
        assertThat(better.benchmarks()).hasSize(3).allSatisfy(b -> assertThat(b).containsKey("mqar-64x8"));
        ValidationResult level = fakes.validations.get("v-e002");
        assertThat(level.beatsBaseline()).isFalse();
        assertThat(level.comparison()).hasValueSatisfying(c -> assertThat(c.t()).isLessThan(c.criticalT()));
        assertThat(level.fitnessComparison()).hasValueSatisfying(c -> assertThat(c.t()).isLessThan(c.criticalT()));
        // The screen's ranking of the validated designs against the validation's, recorded per measure.
        assertThat(fakes.store.fidelity("v")).containsOnlyKeys("cpu-tiny");
        assertThat(fakes.store.fidelity("v").get("cpu-tiny").get("val-loss").n()).isEqualTo(3);
        assertThat(fakes.store.fidelity("v").get("cpu-tiny").get("val-loss").rho()).isEqualTo(1.0);
        assertThat(fakes.campaigns).containsEntry("v", "FINISHED");

        WorkflowReplayer.replayWorkflowExecution(stack.client().fetchHistory("v-validation"),
                ValidationWorkflowImpl.class);
    }

    private static int closeTo(Double a, Double b) {
        return Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b);
    }

    @Test
    void aCandidateThatFailsOnTheValidationProfileIsRecordedWithTheReason() {
        fakes.losses.put("DeltaNet", 2.0);
        fakes.losses.put("Cand001", 1.8);
        CampaignWorkflow campaign = stack.campaign("w");
        fakes.screenFailures.add("w-e001-val-s2");
        fakes.screenFailures.add("w-e001-val-s3");

        CampaignResult result = campaign.run(CampaignInput.of(CampaignSpec.of("w", 1, "cpu-smoke", 7)
                .withValidation(new CampaignSpec.ValidationPlan(1, "cpu-tiny", 3))), CampaignState.start());

        assertThat(result.beatBaseline()).isEmpty();
        ValidationResult failed = fakes.validations.get("w-e001");
        assertThat(failed.comparison()).isEmpty();
        assertThat(failed.losses()).usingElementComparator(ValidationWorkflowTest::closeTo).containsExactly(1.81);
        assertThat(failed.note()).isEqualTo("2 of 3 seeds did not train (DIVERGED, DIVERGED)");
    }
}
