package dev.asiarch.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.asiarch.activities.testing.Databases;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.CognitionHit;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import dev.asiarch.core.validation.Significance;
import dev.asiarch.core.validation.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class ExperimentStoreTest {

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("h2"), Arguments.of("postgresql"));
    }

    private static ExperimentStore store(String database) throws Exception {
        if (database.equals("postgresql")) {
            assumeTrue(Databases.postgresReachable(), "PostgreSQL is not running on 127.0.0.1:5432");
            return new ExperimentStore(Databases.postgres());
        }
        DataSource h2 = Databases.h2();
        return new ExperimentStore(h2);
    }

    public static ExperimentRecord trained(String id, Optional<String> parent, List<String> references, double loss,
                                    double fitness) {
        return new ExperimentRecord(id, "c1", parent.isEmpty() ? ExperimentRole.BASELINE : ExperimentRole.CANDIDATE,
                parent, Optional.empty(), references, "Net-" + id, "because", Optional.of("recurrence=delta;featureMap=silu;shortConv=4;"
                + "fir=0;outputGate=false;heads=4;" + id), "public final class X extends TokenMixer {}",
                "offline-mutation", ExperimentStatus.TRAINED, Optional.empty(), "",
                List.of(new ImplementationAttempt(0, "offline-mutation", "public final class X extends TokenMixer {}", Optional.empty(), "", false)),
                List.of(new LlmCall("researcher", "gpt-4.1-mini", 3000, 1500, 0.0036, "{\"name\": \"X\"}")),
                List.of(),
                Optional.of(new TrainingMetrics(loss, loss + 0.1, List.of(5.0, 4.0, 3.5), 10, 12_000, 90_000, 21.5,
                        Map.of("mqar-128x32", 0.25, "induction-64", 1.0))),
                parent.isEmpty() ? Optional.empty() : Optional.of(new JudgeScores(6.5, 4, 7.25,
                        "better recall at the same cost", "judge-model", true)),
                parent.isEmpty() ? Optional.empty() : Optional.of(new Analysis("design", "results", "expected",
                        "theory", "synthesis", "analyst-model").withCognition(List.of(
                                new CognitionHit("gated-deltanet", "Gated delta rule", 0.71),
                                new CognitionHit("zoology-associative-recall", "Recall gap", 0.55)),
                        "Net-" + id + " raised recall.")),
                OptionalDouble.of(fitness), "campaigns/c1/experiments/" + id + "/", 1_700_000_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void recordsLineageAndReadsItBack(String database) throws Exception {
        ExperimentStore store = store(database);
        store.openCampaign("c1", "cpu-tiny", 2, 7, 1_700_000_000_000L);
        store.record(trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));
        store.record(trained("c1-e001", Optional.of("c1-e000"), List.of(), 1.9, 0.8));
        ExperimentRecord failed = new ExperimentRecord("c1-e002", "c1", ExperimentRole.CANDIDATE,
                Optional.of("c1-e001"), Optional.of("c1-e000"), List.of("c1-e000"), "Peeker", "m", Optional.empty(), "src", "offline-mutation",
                ExperimentStatus.FAILED, Optional.of(FailureReason.NON_CAUSAL), "output at position 0 changed",
                List.of(new ImplementationAttempt(0, "offline-mutation", "peeking src", Optional.of(FailureReason.NON_CAUSAL), "output at position 0 changed", true),
                        new ImplementationAttempt(1, "engineer-model", "src", Optional.of(FailureReason.NON_CAUSAL), "output at position 0 changed", false)),
                List.of(new LlmCall("engineer", "qwen2.5-coder:14b", 2500, 900, 0.0, "first"),
                        new LlmCall("engineer", "qwen2.5-coder:14b", 2600, 950, 0.0, "second")),
                List.of("judge: the judge call failed: 500", "analyst: it hung"),
                Optional.empty(), Optional.empty(), Optional.empty(), OptionalDouble.empty(), "campaigns/c1/experiments/c1-e002/", 1_700_000_000_500L);
        store.record(failed);
        store.closeCampaign("c1", "FINISHED", 1_700_000_001_000L);

        assertThat(store.find("c1-e001")).contains(trained("c1-e001", Optional.of("c1-e000"), List.of(), 1.9, 0.8));
        assertThat(store.find("c1-e002")).contains(failed);
        assertThat(store.campaignStatus("c1")).contains("FINISHED");
        assertThat(store.leaderboard("c1")).extracting(LeaderboardRow::name, LeaderboardRow::parentName,
                        LeaderboardRow::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Net-c1-e001", "Net-c1-e000", ExperimentStatus.TRAINED),
                        org.assertj.core.groups.Tuple.tuple("Net-c1-e000", "-", ExperimentStatus.TRAINED),
                        org.assertj.core.groups.Tuple.tuple("Peeker", "Net-c1-e001", ExperimentStatus.FAILED));
        assertThat(store.campaignSpecs("c1")).hasSize(2);
        assertThat(store.campaignOutlines("c1")).extracting(ExperimentOutline::experimentId, ExperimentOutline::parentId,
                        ExperimentOutline::status, ExperimentOutline::failureReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c1-e000", Optional.empty(), ExperimentStatus.TRAINED,
                                Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("c1-e001", Optional.of("c1-e000"), ExperimentStatus.TRAINED,
                                Optional.empty()),
                        org.assertj.core.groups.Tuple.tuple("c1-e002", Optional.of("c1-e001"), ExperimentStatus.FAILED,
                                Optional.of(FailureReason.NON_CAUSAL)));
        assertThat(store.campaignOutlines("c1").get(1).fitness()).hasValue(0.8);
        assertThat(store.campaignOutlines("c1").get(2).trainSeconds()).isEmpty();
        store.openCampaign("c2", "cpu-smoke", 5, 1, 1_700_000_002_000L);
        assertThat(store.campaigns()).extracting(CampaignRow::id, CampaignRow::status, CampaignRow::recorded,
                        CampaignRow::trained)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c2", "RUNNING", 0, 0),
                        org.assertj.core.groups.Tuple.tuple("c1", "FINISHED", 3, 2));
        assertThat(store.campaign("c1").orElseThrow().finishedAtMillis()).hasValue(1_700_000_001_000L);
        assertThat(store.campaign("c2").orElseThrow().finishedAtMillis()).isEmpty();
        assertThat(store.campaign("nope")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void validationsAreWrittenOncePerProfileAndReadAsVerdicts(String database) throws Exception {
        ExperimentStore store = store(database);
        store.openCampaign("c1", "cpu-tiny", 2, 7, 1L);
        store.record(trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5));
        store.record(trained("c1-e001", Optional.of("c1-e000"), List.of(), 1.9, 0.8));
        store.record(trained("c1-e002", Optional.of("c1-e000"), List.of(), 1.99, 0.55));
        List<Double> baseline = List.of(2.0, 2.01, 1.99);
        ValidationResult better = new ValidationResult("c1", "c1-e001", "c1-e000", "cpu-small", List.of(1L, 2L, 3L),
                List.of(1.8, 1.81, 1.79), baseline,
                Optional.of(Significance.compare(List.of(1.8, 1.81, 1.79), baseline)), "", 1_700_000_002_000L);
        ValidationResult failed = new ValidationResult("c1", "c1-e002", "c1-e000", "cpu-small", List.of(1L, 2L, 3L),
                List.of(1.9), baseline, Optional.empty(), "2 of 3 seeds did not train (DIVERGED, DIVERGED)",
                1_700_000_003_000L);

        assertThat(store.recordValidation(better)).isTrue();
        assertThat(store.recordValidation(better)).isFalse();
        assertThat(store.recordValidation(failed)).isTrue();

        assertThat(store.validationVerdicts("c1")).containsExactly(Map.entry("c1-e001", true),
                Map.entry("c1-e002", false));
        List<ValidationSpread> spreads = store.validations("c1");
        assertThat(spreads).extracting(ValidationSpread::experimentId, ValidationSpread::seeds,
                        ValidationSpread::beatsBaseline)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1-e001", 3, true),
                        org.assertj.core.groups.Tuple.tuple("c1-e002", 3, false));
        assertThat(spreads.get(0).meanLoss().getAsDouble()).isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spreads.get(0).sdLoss().getAsDouble()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(spreads.get(1).meanLoss()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void readsACampaignInTheOrderItRanPastAThousandExperiments(String database) throws Exception {
        ExperimentStore store = store(database);
        store.openCampaign("c1", "cpu-tiny", 1000, 7, 1L);
        for (String id : List.of("c1-e000", "c1-e1000", "c1-e999", "c1-e100")) {
            store.record(trained(id, Optional.empty(), List.of(), 2.0, 0.5));
        }
        assertThat(store.campaignOutlines("c1")).extracting(ExperimentOutline::experimentId)
                .containsExactly("c1-e000", "c1-e100", "c1-e999", "c1-e1000");
        assertThat(store.campaignExperiments("c1")).extracting(ExperimentRecord::experimentId)
                .containsExactly("c1-e000", "c1-e100", "c1-e999", "c1-e1000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void recordingTwiceWritesOnce(String database) throws Exception {
        ExperimentStore store = store(database);
        store.openCampaign("c1", "cpu-tiny", 1, 7, 1L);
        store.openCampaign("c1", "cpu-tiny", 1, 7, 1L);

        assertThat(store.record(trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5))).isTrue();
        assertThat(store.record(trained("c1-e000", Optional.empty(), List.of(), 2.0, 0.5))).isFalse();
        assertThat(store.campaignExperiments("c1")).hasSize(1);
    }
}
