package dev.asiarch.workflows.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.pool.PoolEntry;
import dev.asiarch.workflows.experiment.ExperimentOutcome;
import dev.asiarch.workflows.experiment.ExperimentRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every transition of a campaign's state, without Temporal: its rules are plain functions of state and spec. */
class CampaignStateTest {

    private static final PoolRules FIXED = PoolRules.RECORDED;

    /** Five candidates; a pool of three, refreshed every two admissions. */
    private static final CampaignSpec SPEC = CampaignSpec.of("t", 5, "cpu-smoke", 7).withPool(3, 2);

    private static ExperimentOutcome trained(String experimentId, double loss, double fitness) {
        return new ExperimentOutcome.Trained(experimentId, "N" + experimentId, loss, OptionalDouble.of(0.5), fitness,
                0.01, 60);
    }

    private static ExperimentOutcome failed(String experimentId) {
        return new ExperimentOutcome.Failed(experimentId, "N" + experimentId, FailureReason.NON_CAUSAL, 0.02, 30);
    }

    /** The campaign once its baseline, t-e000, trained with loss 2.0 and fitness 0.5. */
    private static CampaignState measured() {
        return CampaignState.start().launchBaseline(SPEC).state().measureBaseline(trained("t-e000", 2.0, 0.5));
    }

    /** A campaign exploring with this pool, {@code started} experiments started so far. */
    private static CampaignState exploring(int started, PoolEntry... pool) {
        return new CampaignState(started, OptionalDouble.of(2.0), OptionalDouble.of(0.5), List.of(pool), List.of(),
                started - 1, 0, 0, 0, Steering.none(), 0, CampaignPhase.EXPLORING, started - 1, List.of());
    }

    private static PoolEntry member(String experimentId, double fitness) {
        return new PoolEntry(experimentId, "N" + experimentId, fitness);
    }

    private static List<String> ids(List<PoolEntry> entries) {
        return entries.stream().map(PoolEntry::experimentId).toList();
    }

    // ---- Experiments

    @Test
    void aNewCampaignLaunchesItsBaselineFirst() {
        CampaignState.Launch launch = CampaignState.start().launchBaseline(SPEC);

        ExperimentRequest baseline = launch.request();
        assertThat(baseline.experimentId()).isEqualTo("t-e000");
        assertThat(baseline.role()).isEqualTo(ExperimentRole.BASELINE);
        assertThat(baseline.parentId()).isEmpty();
        assertThat(baseline.referenceIds()).isEmpty();
        assertThat(baseline.baselineLoss()).isEmpty();
        assertThat(baseline.seed()).isEqualTo(7);
        assertThat(launch.state().nextIndex()).isEqualTo(1);
        assertThat(launch.state().phase()).isEqualTo(CampaignPhase.BASELINE);
        // The baseline is no candidate: continue-as-new counts only candidates.
        assertThat(launch.state().startedThisRun()).isZero();
    }

    @Test
    void aTrainedBaselineIsWhatCandidatesAreComparedWithAndThePoolsFirstMember() {
        CampaignState state = measured();

        assertThat(state.baselineTrained()).isTrue();
        assertThat(state.baselineLoss()).hasValue(2.0);
        assertThat(state.baselineBenchmark()).hasValue(0.5);
        assertThat(ids(state.pool())).containsExactly("t-e000");
        assertThat(state.phase()).isEqualTo(CampaignPhase.EXPLORING);
        assertThat(state.spentUsd()).isEqualTo(0.01);
        assertThat(state.gpuSeconds()).isEqualTo(60);
        assertThat(state.recent()).extracting(ExperimentOutcome::experimentId).containsExactly("t-e000");
        assertThat(state.trained() + state.failed()).isZero();
    }

    @Test
    void anUntrainedBaselineLeavesNothingToCompareWithButItsCost() {
        CampaignState state = CampaignState.start().launchBaseline(SPEC).state().measureBaseline(failed("t-e000"));

        assertThat(state.baselineTrained()).isFalse();
        assertThat(state.pool()).isEmpty();
        assertThat(state.phase()).isEqualTo(CampaignPhase.BASELINE);
        assertThat(state.spentUsd()).isEqualTo(0.02);
    }

    @Test
    void aCandidateEvolvesFromThePoolAndTakesTheOldestIdea() {
        CampaignState state = measured().inject("a forget gate").inject("a wider conv");

        CampaignState.Launch launch = state.launchCandidate(SPEC, FIXED);

        ExperimentRequest candidate = launch.request();
        assertThat(candidate.experimentId()).isEqualTo("t-e001");
        assertThat(candidate.role()).isEqualTo(ExperimentRole.CANDIDATE);
        assertThat(candidate.parentId()).contains("t-e000");
        assertThat(candidate.baselineLoss()).hasValue(2.0);
        assertThat(candidate.seed()).isEqualTo(8);
        assertThat(candidate.idea()).contains("a forget gate");
        assertThat(launch.state().nextIndex()).isEqualTo(2);
        assertThat(launch.state().startedThisRun()).isEqualTo(1);
        assertThat(launch.state().steering().ideas()).containsExactly("a wider conv");
        assertThat(launch.state().steering().latest()).isEqualTo("idea \"a forget gate\" handed to t-e001");
        // Drawn from a seed and the index alone, so that a replay launches the same experiment.
        assertThat(state.launchCandidate(SPEC, FIXED)).isEqualTo(launch);
        assertThat(launch.state().launchCandidate(SPEC, FIXED).request().idea()).contains("a wider conv");
    }

    @Test
    void aPinnedMemberIsTheParentAndNeverItsOwnReference() {
        CampaignState state = exploring(4, member("t-e001", 0.7), member("t-e002", 0.6), member("t-e000", 0.5))
                .pin("t-e002");

        for (int run = 0; run < 3; run++) {
            CampaignState.Launch launch = state.launchCandidate(SPEC, FIXED);
            assertThat(launch.request().parentId()).contains("t-e002");
            assertThat(launch.request().referenceIds()).doesNotContain("t-e002").isNotEmpty();
            state = launch.state();
        }
    }

    @Test
    void underTheRandomStrategyEveryCandidateEvolvesFromTheBaselineWithoutReferences() {
        CampaignSpec random = SPEC.withStrategy(SearchStrategy.RANDOM);
        CampaignState state = exploring(4, member("t-e001", 0.7), member("t-e002", 0.6), member("t-e003", 0.55),
                member("t-e000", 0.5));

        for (int run = 0; run < 6; run++) {
            CampaignState.Launch launch = state.launchCandidate(random, PoolRules.EVOLVING);
            assertThat(launch.request().parentId()).contains("t-e000");
            assertThat(launch.request().referenceIds()).isEmpty();
            state = launch.state();
        }
        // The same pool under the pool strategy draws beyond the baseline, with references.
        List<ExperimentRequest> pooled = IntStream.range(0, 6).mapToObj(i -> exploring(4 + i, member("t-e001", 0.7),
                member("t-e002", 0.6), member("t-e003", 0.55), member("t-e000", 0.5))
                .launchCandidate(SPEC, PoolRules.EVOLVING).request()).toList();
        assertThat(pooled).anySatisfy(r -> assertThat(r.parentId()).isNotEqualTo(java.util.Optional.of("t-e000")));
        assertThat(pooled).allSatisfy(r -> assertThat(r.referenceIds()).isNotEmpty());
        // A pin still decides; the baseline cannot be banned, being every candidate's parent.
        assertThat(state.pin("t-e002").launchCandidate(random, PoolRules.EVOLVING).request().parentId())
                .contains("t-e002");
        assertThat(state.banRefusal("t-e000", random)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("the parent of every candidate under the random strategy"));
        assertThat(state.banRefusal("t-e000", SPEC)).isEmpty();
    }

    @Test
    void campaignsWithNeighbouringSeedsRunNoExperimentTheOtherRuns() {
        List<Long> first = IntStream.rangeClosed(1, 16).mapToObj(i -> PoolRules.DISTINCT_SEEDS
                .experimentSeed(CampaignSpec.of("a", 16, "cpu-smoke", 1), i)).toList();
        List<Long> second = IntStream.rangeClosed(1, 16).mapToObj(i -> PoolRules.DISTINCT_SEEDS
                .experimentSeed(CampaignSpec.of("b", 16, "cpu-smoke", 2), i)).toList();

        assertThat(first).doesNotHaveDuplicates().allSatisfy(seed -> assertThat(seed).isNotNegative())
                .doesNotContainAnyElementsOf(second);
        // The rules recorded histories ran under shift the seed by the index, so seed 2 ran seed 1's next one.
        assertThat(PoolRules.EVOLVING.experimentSeed(CampaignSpec.of("b", 16, "cpu-smoke", 2), 1))
                .isEqualTo(PoolRules.EVOLVING.experimentSeed(CampaignSpec.of("a", 16, "cpu-smoke", 1), 2));
        assertThat(measured().launchCandidate(SPEC, PoolRules.DISTINCT_SEEDS).request().seed())
                .isEqualTo(PoolRules.DISTINCT_SEEDS.experimentSeed(SPEC, 1));
    }

    @Test
    void aFailedCandidateCountsAsFailedAndCostsWhatItSpent() {
        CampaignState state = measured().admit(failed("t-e001"), SPEC, FIXED);

        assertThat(state.failed()).isEqualTo(1);
        assertThat(state.trained()).isZero();
        assertThat(state.admitted()).isEmpty();
        assertThat(state.spentUsd()).isEqualTo(0.03);
        assertThat(state.gpuSeconds()).isEqualTo(90);
    }

    @Test
    void admittedCandidatesWaitForTheBatchAndThenJoinThePool() {
        CampaignState one = measured().admit(trained("t-e001", 1.95, 0.6), SPEC, FIXED);

        assertThat(one.trained()).isEqualTo(1);
        assertThat(ids(one.admitted())).containsExactly("t-e001");
        assertThat(ids(one.pool())).containsExactly("t-e000");

        CampaignState two = one.admit(trained("t-e002", 1.9, 0.7), SPEC, FIXED);

        assertThat(two.admitted()).isEmpty();
        assertThat(ids(two.pool())).containsExactly("t-e002", "t-e001", "t-e000");
    }

    @Test
    void aYoungPoolTakesEachCandidateAtOnceAndBatchesAsItGrows() {
        CampaignSpec batchOfFour = CampaignSpec.of("t", 20, "cpu-smoke", 7).withPool(50, 4);
        PoolRules grows = PoolRules.EVOLVING;
        CampaignState state = CampaignState.start().launchBaseline(batchOfFour).state()
                .measureBaseline(trained("t-e000", 2.0, 0.5));

        // The baseline alone: the first admission joins at once.
        state = state.admit(trained("t-e001", 1.95, 0.6), batchOfFour, grows);
        assertThat(ids(state.pool())).containsExactly("t-e001", "t-e000");
        // A pool of two waits for two.
        state = state.admit(trained("t-e002", 1.9, 0.7), batchOfFour, grows);
        assertThat(state.pool()).hasSize(2);
        state = state.admit(trained("t-e003", 1.9, 0.65), batchOfFour, grows);
        assertThat(state.pool()).hasSize(4);
        // From four members on, the configured batch of four is the most it waits.
        for (int i = 4; i <= 7; i++) {
            assertThat(state.pool()).hasSize(4);
            state = state.admit(trained("t-e00" + i, 1.9, 0.6), batchOfFour, grows);
        }
        assertThat(state.pool()).hasSize(8);
        assertThat(grows.batch(batchOfFour, 50)).isEqualTo(4);
        assertThat(PoolRules.RECORDED.batch(batchOfFour, 1)).isEqualTo(4);
        assertThat(grows.batch(CampaignSpec.of("t", 2000, "cpu-smoke", 7), 50)).as("ASI-Arch's batch, once full")
                .isEqualTo(50);
    }

    @Test
    void consecutiveExperimentsDrawTheirParentsIndependently() {
        // A pool of two, four or eight members is a power-of-two band, where neighbouring seeds of
        // java.util.Random used to draw the same rank for every experiment.
        for (int members : new int[] {2, 4, 8}) {
            PoolEntry[] pool = new PoolEntry[members];
            for (int i = 0; i < members; i++) {
                pool[i] = member("t-e00" + i, 0.9 - 0.01 * i);
            }
            java.util.Set<String> parents = new java.util.HashSet<>();
            for (int index = 1; index <= 40; index++) {
                parents.add(exploring(index, pool).launchCandidate(SPEC.withPool(50, 50), PoolRules.EVOLVING).request().parentId()
                        .orElseThrow());
            }
            assertThat(parents).as("parents drawn from a pool of " + members).hasSize(members);
        }
    }

    @Test
    void theCandidateFilterAndABanKeepATrainedCandidateOutOfTheBatch() {
        CampaignState state = measured().ban("t-e002")
                .admit(trained("t-e001", 2.5, 0.3), SPEC, FIXED)
                .admit(trained("t-e002", 1.95, 0.6), SPEC, FIXED);

        assertThat(state.trained()).isEqualTo(2);
        assertThat(state.admitted()).isEmpty();
        assertThat(ids(state.pool())).containsExactly("t-e000");
    }

    @Test
    void aRefreshedPoolKeepsItsBestMembersUpToItsCapacity() {
        CampaignState state = measured()
                .admit(trained("t-e001", 1.95, 0.6), SPEC, FIXED).admit(trained("t-e002", 1.9, 0.7), SPEC, FIXED)
                .admit(trained("t-e003", 1.85, 0.8), SPEC, FIXED).refreshPool(SPEC);

        assertThat(ids(state.pool())).containsExactly("t-e003", "t-e002", "t-e001");
        assertThat(state.admitted()).isEmpty();
    }

    @Test
    void spendingAddsUpAndKeepsTheLatestFinishedExperiments() {
        CampaignState state = measured();
        for (int index = 1; index <= CampaignState.RECENT + 5; index++) {
            state = state.spend(failed("t-e" + index));
        }

        assertThat(state.spentUsd()).isCloseTo(0.01 + 0.02 * (CampaignState.RECENT + 5),
                org.assertj.core.api.Assertions.within(1e-9));
        assertThat(state.gpuSeconds()).isEqualTo(60 + 30 * (CampaignState.RECENT + 5));
        assertThat(state.recent()).hasSize(CampaignState.RECENT);
        assertThat(state.recent().get(CampaignState.RECENT - 1).experimentId()).isEqualTo("t-e55");
    }

    // ---- When experiments start and the campaign ends

    @Test
    void aCandidateLaunchesOnlyWithASlotFreeAndNothingHoldingIt() {
        CampaignSpec twoAtOnce = SPEC.withParallelism(2).withContinueAsNewEvery(3);
        CampaignState state = measured();

        assertThat(state.mayLaunch(twoAtOnce, 1)).isTrue();
        assertThat(state.mayLaunch(twoAtOnce, 2)).isFalse();
        assertThat(state.pause().mayLaunch(twoAtOnce, 0)).isFalse();
        assertThat(state.pause().resume().mayLaunch(twoAtOnce, 0)).isTrue();

        for (int launched = 0; launched < 3; launched++) {
            assertThat(state.mustDrain(twoAtOnce)).isFalse();
            state = state.launchCandidate(twoAtOnce, FIXED).state();
        }
        // Three candidates in this run: it drains, then continues as new.
        assertThat(state.mustDrain(twoAtOnce)).isTrue();
        assertThat(state.ending(twoAtOnce)).isEmpty();
        assertThat(state.continued().mustDrain(twoAtOnce)).isFalse();
    }

    @Test
    void theCampaignEndsStoppedOverBudgetOrWhenEveryExperimentHasStarted() {
        CampaignState state = measured();
        assertThat(state.ending(SPEC)).isEmpty();

        CampaignState allStarted = state;
        for (int launched = 0; launched < 5; launched++) {
            allStarted = allStarted.launchCandidate(SPEC, FIXED).state();
        }
        assertThat(allStarted.ending(SPEC)).contains(CampaignPhase.FINISHED);
        assertThat(state.ending(SPEC.withBudgets(0.01, 0))).contains(CampaignPhase.BUDGET_REACHED);
        assertThat(state.ending(SPEC.withBudgets(0, 0.01))).contains(CampaignPhase.GPU_BUDGET_REACHED);
        assertThat(state.ending(SPEC.withBudgets(0.02, 1))).isEmpty();
        // A stop comes first, whatever else holds.
        assertThat(allStarted.stop().ending(SPEC.withBudgets(0.01, 0))).contains(CampaignPhase.STOPPED);
    }

    @Test
    void aContinuedRunCarriesEverythingButItsOwnCounters() {
        CampaignState before = measured().launchCandidate(SPEC, FIXED).state().admit(trained("t-e001", 1.95, 0.6), SPEC, FIXED)
                .inject("an idea").pause();

        CampaignState next = before.continued();

        assertThat(next.runs()).isEqualTo(1);
        assertThat(next.startedThisRun()).isZero();
        assertThat(next.recent()).isEmpty();
        assertThat(next.phase()).isEqualTo(CampaignPhase.EXPLORING);
        assertThat(next).usingRecursiveComparison()
                .ignoringFields("runs", "startedThisRun", "recent", "phase").isEqualTo(before);
    }

    @Test
    void theEndValidatesTheBestCandidatesAndReportsOverEveryRun() {
        CampaignState state = exploring(4, member("t-e001", 0.7), member("t-e000", 0.6), member("t-e003", 0.5))
                .continued();
        CampaignSpec validated = SPEC.withValidation(new CampaignSpec.ValidationPlan(2, "cpu-tiny", 3));

        assertThat(state.validationCandidates(validated)).containsExactly("t-e001", "t-e003");
        assertThat(state.validationCandidates(SPEC)).isEmpty();
        assertThat(state.validating().phase()).isEqualTo(CampaignPhase.VALIDATING);

        CampaignResult result = state.validating().end(CampaignPhase.FINISHED).result(validated, List.of("t-e001"));

        assertThat(result.phase()).isEqualTo(CampaignPhase.FINISHED);
        assertThat(result.experiments()).isEqualTo(3);
        assertThat(result.runs()).isEqualTo(2);
        assertThat(result.poolRanking()).containsExactly("t-e001", "t-e000", "t-e003");
        assertThat(result.beatBaseline()).containsExactly("t-e001");
    }

    @Test
    void progressCountsTheBaselineOnceFinishedAndShowsAPauseAtOnce() {
        CampaignState measuring = CampaignState.start().launchBaseline(SPEC).state();
        assertThat(measuring.progress(SPEC, List.of("t-e000")).completed()).isZero();
        assertThat(measuring.progress(SPEC, List.of("t-e000")).phase()).isEqualTo(CampaignPhase.BASELINE);

        CampaignState state = measured().launchCandidate(SPEC, FIXED).state();
        CampaignProgress progress = state.progress(SPEC, List.of("t-e001"));
        assertThat(progress.total()).isEqualTo(6);
        assertThat(progress.completed()).isEqualTo(1);
        assertThat(progress.running()).containsExactly("t-e001");
        assertThat(progress.phase()).isEqualTo(CampaignPhase.EXPLORING);
        assertThat(state.pause().progress(SPEC, List.of()).phase()).isEqualTo(CampaignPhase.PAUSED);
        assertThat(state.pause().end(CampaignPhase.STOPPED).progress(SPEC, List.of()).phase())
                .isEqualTo(CampaignPhase.STOPPED);
    }

    // ---- Steering

    @Test
    void pauseResumeAndStopSayWhatTheyDo() {
        CampaignState state = measured().pause();
        assertThat(state.steering().paused()).isTrue();

        state = state.resume().stop();

        assertThat(state.steering().paused()).isFalse();
        assertThat(state.steering().stopped()).isTrue();
        assertThat(state.steering().log()).containsExactly("pause: no new experiment starts", "resume",
                "stop: the experiments in flight finish, then the campaign ends");
    }

    @Test
    void aPinHoldsForAPoolMemberAndIsIgnoredForAnyOther() {
        CampaignState state = exploring(3, member("t-e001", 0.7), member("t-e000", 0.5));

        CampaignState pinned = state.pin("t-e001");
        assertThat(pinned.steering().pinned()).contains("t-e001");
        assertThat(pinned.steering().latest()).isEqualTo("pin t-e001: the parent of every new experiment");

        CampaignState ignored = pinned.pin("t-e002");
        assertThat(ignored.steering().pinned()).contains("t-e001");
        assertThat(ignored.steering().latest())
                .isEqualTo("pin t-e002 ignored: it is not in the pool, whose members are t-e001, t-e000");

        assertThat(pinned.unpin().steering().pinned()).isEmpty();
        assertThat(pinned.unpin().steering().latest()).isEqualTo("unpin t-e001: parents are sampled again");
        assertThat(state.unpin().steering().latest()).isEqualTo("unpin: nothing was pinned; parents are sampled as "
                + "before");
    }

    @Test
    void aBanTakesTheExperimentOutOfThePoolAndTheBatchAndEndsAPinOnIt() {
        CampaignState state = exploring(4, member("t-e001", 0.7), member("t-e000", 0.5))
                .admit(trained("t-e003", 1.95, 0.6), SPEC, FIXED)
                .pin("t-e001");

        CampaignState banned = state.ban("t-e001").ban("t-e003");

        assertThat(ids(banned.pool())).containsExactly("t-e000");
        assertThat(banned.admitted()).isEmpty();
        assertThat(banned.steering().pinned()).isEmpty();
        assertThat(banned.steering().banned()).containsExactly("t-e001", "t-e003");
        assertThat(banned.steering().latest()).isEqualTo("ban t-e003: never a parent or reference again");

        CampaignState kept = banned.ban("t-e000");
        assertThat(ids(kept.pool())).containsExactly("t-e000");
        assertThat(kept.steering().latest()).isEqualTo("ban t-e000 ignored: it is the pool's only member");
    }

    @Test
    void anInjectedIdeaWaitsForTheNextResearcherAndAnEmptyOneIsIgnored() {
        CampaignState state = measured().inject("  Gate the read-out.  ");

        assertThat(state.steering().ideas()).containsExactly("Gate the read-out.");
        assertThat(state.steering().latest()).isEqualTo("inject: \"Gate the read-out.\"");

        CampaignState ignored = state.inject(" ");
        assertThat(ignored.steering().ideas()).containsExactly("Gate the read-out.");
        assertThat(ignored.steering().latest()).isEqualTo("inject ignored: the idea was empty");
        assertThat(state.inject("x".repeat(100)).steering().latest()).endsWith("xxx...\"").hasSize(90);
    }

    @Test
    void aPinIsRefusedOutsideThePoolOrWhenNoExperimentIsLeftToStart() {
        CampaignState state = exploring(4, member("t-e001", 0.7), member("t-e000", 0.5)).ban("t-e003")
                .admit(trained("t-e002", 1.95, 0.6), SPEC, FIXED);

        assertThat(state.pinRefusal("t-e001", SPEC)).isEmpty();
        assertThat(state.pinRefusal("t-e009", SPEC))
                .contains("it is not in the pool, whose members are t-e001, t-e000");
        assertThat(state.pinRefusal("t-e003", SPEC)).contains("it is not in the pool: it is banned");
        assertThat(state.pinRefusal("t-e002", SPEC))
                .contains("it is not in the pool yet: it passed the candidate filter and joins at the next refresh");
        assertThat(CampaignState.start().pinRefusal("t-e000", SPEC))
                .contains("it is not in the pool, which is empty until the baseline has trained");
        assertThat(state.stop().pinRefusal("t-e001", SPEC))
                .contains("the campaign is stopping: no new experiment starts");
        assertThat(state.pinRefusal("t-e001", SPEC.withBudgets(0.001, 0)))
                .contains("the campaign's LLM budget is spent: no new experiment starts");
    }

    @Test
    void aBigPoolIsNamedByItsBestMembersWhenAPinIsRefused() {
        PoolEntry[] pool = IntStream.range(0, 12).mapToObj(i -> member("t-e" + (100 + i), 1 - i / 100.0))
                .toArray(PoolEntry[]::new);

        assertThat(exploring(13, pool).pinRefusal("t-e999", CampaignSpec.of("t", 50, "cpu-smoke", 7)).orElseThrow())
                .startsWith("it is not in the pool, whose best members are t-e100, t-e101,").endsWith("t-e109");
    }

    @Test
    void aBanIsRefusedForExperimentsTheCampaignNeverStartedAndForThePoolsLastMember() {
        CampaignState state = exploring(3, member("t-e001", 0.7), member("t-e000", 0.5));

        assertThat(state.banRefusal("t-e001", SPEC)).isEmpty();
        assertThat(state.banRefusal("t-e002", SPEC)).as("started, in flight").isEmpty();
        assertThat(state.banRefusal("t-e003", SPEC))
                .contains("campaign t has no such experiment; it has started t-e000 to t-e002");
        assertThat(state.banRefusal("other-e001", SPEC)).isPresent();
        assertThat(state.banRefusal(" ", SPEC)).contains("no experiment was named");
        assertThat(state.ban("t-e001").banRefusal("t-e000", SPEC))
                .contains("it is the pool's only member, and every new experiment needs a parent from the pool");
        assertThat(CampaignState.start().banRefusal("t-e000", SPEC))
                .contains("campaign t has not started an experiment yet");
        assertThat(CampaignState.start().launchBaseline(SPEC).state().banRefusal("t-e000", SPEC))
                .contains("it is the baseline, still being measured, and the pool starts with it");
        // A ban still counts at the end: the validation and the result take the pool it leaves.
        assertThat(state.stop().banRefusal("t-e001", SPEC)).isEmpty();
    }

    @Test
    void theBanSignalKeepsTheRulesRunningCampaignsWereRecordedWith() {
        CampaignState state = exploring(3, member("t-e001", 0.7), member("t-e000", 0.5));

        // The update refuses an experiment the campaign has not started; the signal always took it.
        assertThat(state.banRefusal("t-e004", SPEC)).isPresent();
        assertThat(state.ban("t-e004").steering().banned()).containsExactly("t-e004");
    }

    @Test
    void anIdeaIsRefusedWhenEmptyOrWhenNoExperimentIsLeftToTakeIt() {
        CampaignState state = exploring(5, member("t-e000", 0.5));

        assertThat(state.injectRefusal("Gate the read-out.", SPEC)).isEmpty();
        assertThat(state.injectRefusal("  ", SPEC)).contains("the idea is empty");
        assertThat(state.injectRefusal(null, SPEC)).contains("the idea is empty");
        assertThat(state.stop().injectRefusal("Gate the read-out.", SPEC))
                .contains("the campaign is stopping: no new experiment starts");
        // t-e005 is the last experiment to start, and one idea already waits for it.
        assertThat(state.inject("first").injectRefusal("second", SPEC)).contains("1 experiment is left to start and "
                + "1 idea waits already; each Researcher takes one");
        assertThat(exploring(6, member("t-e000", 0.5)).injectRefusal("late", SPEC))
                .contains("every experiment the campaign plans has started");
        assertThat(state.spend(failed("t-e004")).injectRefusal("x", SPEC.withBudgets(0, 0.001)))
                .contains("the campaign's GPU hours are spent: no new experiment starts");
    }

    // ---- The JSON that continue-as-new carries

    private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

    private static String json(CampaignState state) {
        return CONVERTER.toPayload(state).orElseThrow().getData().toStringUtf8();
    }

    private static CampaignState read(String json) {
        Payload payload = Payload.newBuilder()
                .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFromUtf8(json))
                .build();
        return CONVERTER.fromPayload(payload, CampaignState.class, CampaignState.class);
    }

    @Test
    void aNewCampaignsStateIsWrittenAsBefore() {
        assertThat(json(CampaignState.start())).isEqualTo("{\"nextIndex\":0,\"baselineLoss\":null,"
                + "\"baselineBenchmark\":null,\"pool\":[],\"admitted\":[],\"trained\":0,\"failed\":0,\"spentUsd\":0.0,"
                + "\"gpuSeconds\":0.0,\"steering\":{\"paused\":false,\"stopped\":false,\"pinned\":null,\"banned\":[],"
                + "\"ideas\":[],\"log\":[]},\"runs\":0}");
    }

    @Test
    void aCarriedStateIsWrittenWithTheFieldsOfBeforeAndNothingOfItsRun() {
        CampaignState carried = exploring(3, member("x-e001", 0.6), member("x-e000", 0.5))
                .admit(trained("x-e003", 1.95, 0.55), SPEC, FIXED)
                .pause().pin("x-e001").ban("x-e002").inject("idea").stop()
                .spend(failed("x-e002"));

        String written = json(carried);

        assertThat(written).isEqualTo("{\"nextIndex\":3,\"baselineLoss\":2.0,\"baselineBenchmark\":0.5,\"pool\":["
                + "{\"experimentId\":\"x-e001\",\"name\":\"Nx-e001\",\"fitness\":0.6},"
                + "{\"experimentId\":\"x-e000\",\"name\":\"Nx-e000\",\"fitness\":0.5}],\"admitted\":["
                + "{\"experimentId\":\"x-e003\",\"name\":\"Nx-e003\",\"fitness\":0.55}],\"trained\":3,\"failed\":0,"
                + "\"spentUsd\":0.03,\"gpuSeconds\":90.0,\"steering\":{\"paused\":true,\"stopped\":true,"
                + "\"pinned\":\"x-e001\",\"banned\":[\"x-e002\"],\"ideas\":[\"idea\"],\"log\":["
                + "\"pause: no new experiment starts\",\"pin x-e001: the parent of every new experiment\","
                + "\"ban x-e002: never a parent or reference again\",\"inject: \\\"idea\\\"\","
                + "\"stop: the experiments in flight finish, then the campaign ends\"]},\"runs\":0}");
        CampaignState readBack = read(written);
        assertThat(readBack).usingRecursiveComparison().ignoringFields("phase", "startedThisRun", "recent")
                .isEqualTo(carried);
        assertThat(readBack.startedThisRun()).isZero();
        assertThat(readBack.recent()).isEmpty();
    }

    @Test
    void theStateAHistoryCarriedReadsBack() {
        // What the first run of histories/campaign-continued-run.json carried into the second.
        CampaignState state = read("{\"nextIndex\":2,\"baselineLoss\":2.0,\"baselineBenchmark\":0.5,\"pool\":["
                + "{\"experimentId\":\"legacy-e000\",\"name\":\"DeltaNet\",\"fitness\":0.5}],\"admitted\":["
                + "{\"experimentId\":\"legacy-e001\",\"name\":\"Cand001\",\"fitness\":0.5}],\"trained\":1,\"failed\":0,"
                + "\"spentUsd\":0.0,\"gpuSeconds\":0.11699999999999999,\"steering\":{\"paused\":false,"
                + "\"stopped\":false,\"pinned\":null,\"banned\":[],\"ideas\":[],\"log\":[]},\"runs\":1}");

        assertThat(state.nextIndex()).isEqualTo(2);
        assertThat(state.baselineLoss()).hasValue(2.0);
        assertThat(ids(state.pool())).containsExactly("legacy-e000");
        assertThat(ids(state.admitted())).containsExactly("legacy-e001");
        assertThat(state.runs()).isEqualTo(1);
        assertThat(state.steering()).isEqualTo(Steering.none());
        assertThat(state.phase()).isEqualTo(CampaignPhase.EXPLORING);
        assertThat(state.startedThisRun()).isZero();
        assertThat(state.recent()).isEmpty();
    }
}
