package dev.asiarch.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import org.junit.jupiter.api.Test;

/**
 * The campaign's JSON as Temporal's own data converter reads it: what a client left out takes the
 * defaults, what it got wrong becomes a problem naming the field, and a spec reads back as itself.
 */
class CampaignInputTest {

    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

    /** Reads {@code json} as it arrives from any client: a payload encoded {@code json/plain}. */
    private static CampaignInput read(String json) {
        Payload payload = Payload.newBuilder()
                .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(json))
                .build();
        return CONVERTER.fromPayload(payload, CampaignInput.class, CampaignInput.class);
    }

    private static CampaignInput roundTrip(Object value) {
        return CONVERTER.fromPayload(CONVERTER.toPayload(value).orElseThrow(), CampaignInput.class,
                CampaignInput.class);
    }

    @Test
    void aSpecReadsBackAsTheSameSpecWhetherSentAsItselfOrAsItsInput() {
        CampaignSpec spec = CampaignSpec.of("c9", 7, "cpu-smoke", 42).withPool(20, 5).withRepairRounds(1)
                .withBudgets(2.5, 0.75).withParallelism(3).withContinueAsNewEvery(4)
                .withValidation(new CampaignSpec.ValidationPlan(2, "cpu-tiny", 4)).withSearchAttributes(true);

        // A spec is what campaigns started before CampaignInput carried in their histories.
        assertThat(roundTrip(spec).problems()).isEmpty();
        assertThat(roundTrip(spec).toSpec("other")).isEqualTo(spec);
        assertThat(roundTrip(CampaignInput.of(spec)).toSpec("other")).isEqualTo(spec);
    }

    @Test
    void aSpecWithoutValidationReadsBackWithout() {
        CampaignSpec spec = CampaignSpec.of("c1", 1, "cpu-smoke", 1);

        assertThat(roundTrip(spec).toSpec("c1").validation()).isEqualTo(CampaignSpec.ValidationPlan.none());
    }

    @Test
    void fieldsLeftOutTakeTheDefaultsAndTheWorkflowsId() {
        CampaignSpec spec = read("{\"experiments\": 5}").toSpec("wf-1");

        assertThat(spec).isEqualTo(new CampaignSpec("wf-1", 5, "cpu-tiny", 1, 50, 50, 3, 0, 1, 0, 100,
                CampaignSpec.ValidationPlan.none(), false, SearchStrategy.POOL, 1));
        assertThat(read("{}").toSpec("wf-2").experiments()).isEqualTo(3);
        assertThat(read("{\"campaignId\": \"  \", \"seed\": null}").toSpec("wf-3").campaignId()).isEqualTo("wf-3");
        assertThat(CampaignInput.empty().toSpec("wf-4")).isEqualTo(read("{}").toSpec("wf-4"));
    }

    @Test
    void aValidationWithOnlyItsTopTakesTheDefaultProfileAndSeeds() {
        CampaignSpec spec = read("{\"validation\": {\"top\": 2}}").toSpec("wf");

        assertThat(spec.validation()).isEqualTo(new CampaignSpec.ValidationPlan(2, "cpu-small", 3));
    }

    @Test
    void everyBadValueIsNamedWithWhatIsAllowed() {
        CampaignInput input = read("{\"experiments\": 0, \"profile\": \"cpu-smal\", \"poolRefreshEvery\": 0, "
                + "\"repairRounds\": -1, \"gpuHoursBudget\": -1, \"parallelism\": 0, \"continueAsNewEvery\": 0, "
                + "\"validation\": {\"top\": 1, \"seeds\": 1, \"profile\": \"gpu-1b\"}}");

        assertThat(input.problems()).containsExactly(
                "experiments must be at least 1, was 0",
                "profile: screening profile 'cpu-smal' is unknown; known: cpu-small, cpu-smoke, cpu-tiny, gpu-20m, "
                        + "gpu-340m",
                "poolRefreshEvery must be at least 1, was 0",
                "repairRounds cannot be negative, was -1",
                "parallelism must be at least 1, was 0",
                "gpuHoursBudget must be a number of hours >= 0, was -1.0",
                "continueAsNewEvery must be at least 1, was 0",
                "validation.seeds must be at least 2 for a significance test, was 1",
                "validation.profile: screening profile 'gpu-1b' is unknown; known: cpu-small, cpu-smoke, cpu-tiny, "
                        + "gpu-20m, gpu-340m");
    }

    @Test
    void theStrategyAndTheBaselinesSeedsAreReadAndChecked() {
        CampaignSpec spec = read("{\"strategy\": \"Random\", \"baselineSeeds\": 3}").toSpec("wf");

        assertThat(spec.strategy()).isEqualTo(SearchStrategy.RANDOM);
        assertThat(spec.baselineSeeds()).isEqualTo(3);
        assertThat(roundTrip(CampaignInput.of(spec)).toSpec("other")).isEqualTo(spec);
        assertThat(read("{\"strategy\": \"greedy\", \"baselineSeeds\": 0}").problems()).containsExactly(
                "strategy: strategy 'greedy' is unknown; known: pool, random",
                "baselineSeeds must be at least 1, was 0");
        assertThat(read("{\"baselineSeeds\": 21}").problems())
                .containsExactly("baselineSeeds must be at most 20, was 21");
        assertThat(read("{\"strategy\": 3}").problems()).containsExactly("strategy must be a string, was 3");
    }

    @Test
    void valuesOfTheWrongJsonTypeAreProblemsNotExceptions() {
        CampaignInput input = read("{\"experiments\": \"five\", \"seed\": 1.5, \"profile\": 7, "
                + "\"llmBudgetUsd\": \"1\", \"searchAttributes\": \"yes\", \"validation\": 3}");

        assertThat(input.problems()).containsExactly(
                "experiments must be a whole number, was \"five\"",
                "profile must be a string, was 7",
                "seed must be a whole number, was 1.5",
                "llmBudgetUsd must be a number, was \"1\"",
                "validation must be an object such as {\"top\": 2}, was 3",
                "searchAttributes must be true or false, was \"yes\"");
    }

    @Test
    void fieldsItDoesNotKnowAreNamedWithTheKnownOnes() {
        CampaignInput input = read("{\"experimnts\": 5, \"validation\": {\"top\": 2, \"sedes\": 4}}");

        assertThat(input.problems()).containsExactly(
                "experimnts is not a campaign field; known: campaignId, experiments, profile, seed, poolCapacity, "
                        + "poolRefreshEvery, repairRounds, llmBudgetUsd, parallelism, gpuHoursBudget, "
                        + "continueAsNewEvery, validation, searchAttributes, strategy, baselineSeeds",
                "validation.sedes is not a validation field; known: top, profile, seeds");
    }

    @Test
    void jsonThatIsNoObjectIsAProblem() {
        assertThat(read("5").problems())
                .containsExactly("the campaign must be a JSON object such as {\"experiments\": 5}, was 5");
        assertThat(read("[{\"experiments\": 5}]").problems()).hasSize(1);
        assertThat(read("null")).isNull();
    }

    @Test
    void problemsNameTheFieldsAsTheCallerCallsThem() {
        CampaignInput input = read("{\"poolRefreshEvery\": 0}");

        assertThat(input.problems(field -> field.equals("poolRefreshEvery") ? "pool-refresh" : field))
                .containsExactly("pool-refresh must be at least 1, was 0");
    }
}
