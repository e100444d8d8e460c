package dev.asiarch.app.benchmarks;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.app.campaign.CampaignHistory;
import dev.asiarch.app.campaign.LeaderboardEntry;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark program: what one refresh of a campaign's dashboard page costs the store as a campaign
 * grows. Records N synthetic experiments (sources, curves, attempts, calls, judge and analysis the size
 * of real ones) in a fresh embedded database, then times the reads behind the page: the campaign's
 * outlines (lineage, fitness chart, failures), its leaderboard, and for comparison reading every full
 * record.
 *
 * <pre>
 * java -cp app/target/asi-arch.jar dev.asiarch.app.benchmarks.DashboardReads 1000
 * </pre>
 */
public final class DashboardReads {

    private static final int REPEATS = 5;

    private DashboardReads() {
    }

    public static void main(String[] args) throws Exception {
        int experiments = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path data = Files.createTempDirectory("asi-arch-dashboard-reads");
        try (ConfigurableApplicationContext context = AsiArchApplication.readingRecords()
                .run("--asi-arch.data-dir=" + data)) {
            ExperimentStore store = context.getBean(ExperimentStore.class);
            String campaign = "bench";
            store.openCampaign(campaign, "cpu-tiny", experiments, 1, 0L);
            Random random = new Random(1);
            long writing = System.nanoTime();
            for (int i = 0; i <= experiments; i++) {
                store.record(experiment(campaign, i, random));
            }
            System.out.printf(Locale.ROOT, "%d experiments recorded in %.1f s (%s)%n", experiments + 1,
                    (System.nanoTime() - writing) / 1e9, data);
            time("outlines + lineage + progress", () -> {
                CampaignHistory history = new CampaignHistory(store.campaignOutlines(campaign));
                return history.lineage().size() + history.progress().size();
            });
            time("leaderboard with validations", () -> LeaderboardEntry.of(store, campaign).size());
            time("every full record (for comparison)", () -> store.campaignExperiments(campaign).size());
        }
    }

    private static void time(String what, Supplier<Integer> read) {
        read.get();
        long started = System.nanoTime();
        for (int i = 0; i < REPEATS; i++) {
            read.get();
        }
        System.out.printf(Locale.ROOT, "%-40s %8.1f ms per read%n", what, (System.nanoTime() - started) / 1e6 / REPEATS);
    }

    private static ExperimentRecord experiment(String campaign, int index, Random random) {
        String id = String.format(Locale.ROOT, "%s-e%04d", campaign, index);
        Optional<String> parent = index == 0 ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "%s-e%04d", campaign, random.nextInt(index)));
        String source = "public final class Net" + index + " extends TokenMixer {\n" + "    // body\n".repeat(120) + "}\n";
        boolean failed = index > 0 && random.nextDouble() < 0.3;
        List<Double> curve = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            curve.add(5.5 - step * 0.1 + random.nextDouble() * 0.05);
        }
        return new ExperimentRecord(id, campaign, index == 0 ? ExperimentRole.BASELINE : ExperimentRole.CANDIDATE,
                parent, Optional.empty(), parent.map(List::of).orElse(List.of()), "Net-" + index, "motivation ".repeat(60),
                Optional.empty(), source, "offline-mutation",
                failed ? ExperimentStatus.FAILED : ExperimentStatus.TRAINED,
                failed ? Optional.of(FailureReason.NON_CAUSAL) : Optional.empty(), failed ? "position 3 changed" : "",
                List.of(new ImplementationAttempt(0, "offline-mutation", source, failed ? Optional.of(FailureReason.NON_CAUSAL) : Optional.empty(), "", false)),
                List.of(new LlmCall("researcher", "model", 3000, 900, 0.01, "answer ".repeat(200))), List.of(),
                failed ? Optional.empty() : Optional.of(new TrainingMetrics(2.4 + random.nextDouble() * 0.2, 2.4, curve,
                        10, 20000, 140000, 40, Map.of("mqar-64x16", random.nextDouble(), "copy-64x8", random.nextDouble()))),
                failed ? Optional.empty() : Optional.of(new JudgeScores(5, 5, 5, "rationale ".repeat(40), "judge", false)),
                failed ? Optional.empty() : Optional.of(new Analysis("d ".repeat(200), "r ".repeat(200), "e", "t", "s",
                        "analyst")),
                failed ? OptionalDouble.empty() : OptionalDouble.of(random.nextDouble()), "p/" + id + "/",
                index * 1000L);
    }
}
