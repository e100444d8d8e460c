package dev.asiarch.activities.store;

import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.fitness.Fitness;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.core.fitness.NoiseFloor;
import dev.asiarch.core.validation.RankCorrelation;
import dev.asiarch.core.validation.ScreeningFidelity;
import dev.asiarch.core.validation.Significance;
import dev.asiarch.core.validation.ValidationResult;
import dev.asiarch.core.experiment.CognitionHit;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Campaigns and experiments in a relational database (H2 or PostgreSQL, same schema through
 * Flyway). Writes are idempotent by id, so an activity retried after a crash never duplicates a row.
 */
public final class ExperimentStore {

    private static final String EXPERIMENT_COLUMNS = """
            id, campaign_id, role, parent_id, name, motivation, spec, source, source_sha256, researcher, status,
            failure_reason, diagnostic, validation_loss, final_train_loss, tokens_per_second, parameters,
            train_seconds, curve_every, train_loss_curve, benchmarks, benchmark_score, fitness, artifact_prefix,
            created_at, second_parent_id""";

    private static final String CAMPAIGN_ROWS = """
            select c.id, c.profile, c.experiments, c.seed, c.status, c.started_at, c.finished_at, c.strategy,
                   c.baseline_seeds,
                   count(e.id) as recorded, count(case when e.status = 'TRAINED' then 1 end) as trained
            from campaign c left join experiment e on e.campaign_id = c.id""";

    private static final String CAMPAIGN_GROUPS =
            " group by c.id, c.profile, c.experiments, c.seed, c.status, c.started_at, c.finished_at, c.strategy,"
                    + " c.baseline_seeds";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public ExperimentStore(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Records a new campaign; recording the same id again changes nothing. */
    public void openCampaign(String id, String profile, int experiments, long seed, long startedAtMillis) {
        openCampaign(id, profile, experiments, seed, startedAtMillis, "pool", 1);
    }

    /** Records a new campaign with its strategy and the seeds its baseline is screened with. */
    public void openCampaign(String id, String profile, int experiments, long seed, long startedAtMillis,
                             String strategy, int baselineSeeds) {
        try {
            jdbc.sql("insert into campaign (id, profile, experiments, seed, status, started_at, strategy, "
                            + "baseline_seeds) values (?, ?, ?, ?, 'RUNNING', ?, ?, ?)")
                    .params(id, profile, experiments, seed, time(startedAtMillis), strategy, baselineSeeds)
                    .update();
        } catch (DuplicateKeyException alreadyOpen) {
            // A retried activity: the campaign row exists.
        }
    }

    public void closeCampaign(String id, String status, long finishedAtMillis) {
        jdbc.sql("update campaign set status = ?, finished_at = ? where id = ?")
                .params(status, time(finishedAtMillis), id)
                .update();
    }

    /** Writes the experiment and its references once; returns false if it was already recorded. */
    public boolean record(ExperimentRecord record) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                insert(record);
                for (int i = 0; i < record.referenceIds().size(); i++) {
                    jdbc.sql("insert into experiment_reference (experiment_id, reference_id, position) values (?, ?, ?)")
                            .params(record.experimentId(), record.referenceIds().get(i), i)
                            .update();
                }
                for (int i = 0; i < record.llmCalls().size(); i++) {
                    LlmCall call = record.llmCalls().get(i);
                    jdbc.sql("insert into llm_call (experiment_id, position, role, model, prompt_tokens, "
                                    + "completion_tokens, cost_usd, answer) values (?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(record.experimentId(), i, call.role(), call.model(), call.promptTokens(),
                                    call.completionTokens(), call.costUsd(), call.answer())
                            .update();
                }
                record.judge().ifPresent(judge -> jdbc.sql("insert into judge_score (experiment_id, performance, "
                                + "innovation, complexity, rationale, judge, in_fitness) values (?, ?, ?, ?, ?, ?, ?)")
                        .params(record.experimentId(), judge.performance(), judge.innovation(), judge.complexity(),
                                judge.rationale(), judge.judge(), judge.inFitness())
                        .update());
                record.analysis().ifPresent(analysis -> insertAnalysis(record.experimentId(), analysis));
                for (int i = 0; i < record.incidents().size(); i++) {
                    jdbc.sql("insert into experiment_incident (experiment_id, position, description) values (?, ?, ?)")
                            .params(record.experimentId(), i, record.incidents().get(i))
                            .update();
                }
                for (ImplementationAttempt attempt : record.attempts()) {
                    jdbc.sql("insert into implementation_attempt (experiment_id, round, author, source, passed, "
                                    + "failure_reason, diagnostic, sent_for_repair) values (?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(record.experimentId(), attempt.round(), attempt.author(), attempt.source(),
                                    attempt.passed(), attempt.failure().map(Enum::name).orElse(null),
                                    attempt.diagnostic(), attempt.sentForRepair())
                            .update();
                }
                return true;
            }));
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    public Optional<ExperimentRecord> find(String experimentId) {
        return jdbc.sql("select " + EXPERIMENT_COLUMNS + " from experiment where id = ?")
                .param(experimentId)
                .query((rs, row) -> read(rs))
                .optional();
    }

    /** Every experiment of a campaign in the order they were run. */
    public List<ExperimentRecord> campaignExperiments(String campaignId) {
        // Shorter ids first: e999 runs before e1000.
        return jdbc.sql("select " + EXPERIMENT_COLUMNS + " from experiment where campaign_id = ? "
                        + "order by length(id), id")
                .param(campaignId)
                .query((rs, row) -> read(rs))
                .list();
    }

    /** Every experiment of a campaign in the order they were run, in outline (one query). */
    public List<ExperimentOutline> campaignOutlines(String campaignId) {
        return jdbc.sql("select id, role, parent_id, second_parent_id, name, status, failure_reason, validation_loss, benchmark_score, "
                        + "fitness, train_seconds, created_at from experiment where campaign_id = ? order by length(id), id")
                .param(campaignId)
                .query((rs, row) -> new ExperimentOutline(rs.getString("id"),
                        ExperimentRole.valueOf(rs.getString("role")), Optional.ofNullable(rs.getString("parent_id")),
                        Optional.ofNullable(rs.getString("second_parent_id")), rs.getString("name"), ExperimentStatus.valueOf(rs.getString("status")),
                        Optional.ofNullable(rs.getString("failure_reason")).map(FailureReason::valueOf),
                        optionalDouble(rs, "validation_loss"), optionalDouble(rs, "benchmark_score"),
                        optionalDouble(rs, "fitness"), optionalDouble(rs, "train_seconds"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli()))
                .list();
    }

    /** The component specs already tried in a campaign, so a researcher can avoid repeating one. */
    public Set<String> campaignSpecs(String campaignId) {
        return new LinkedHashSet<>(jdbc.sql("select spec from experiment where campaign_id = ? and spec is not null")
                .param(campaignId)
                .query(String.class)
                .list());
    }

    /** Trained experiments by fitness, best first, then failures in the order they ran. */
    public List<LeaderboardRow> leaderboard(String campaignId) {
        return jdbc.sql("""
                        select e.id, e.name, e.role, coalesce(p.name, '-') as parent_name, e.status, e.failure_reason,
                               e.validation_loss, e.benchmark_score, e.fitness, e.parameters
                        from experiment e left join experiment p on p.id = e.parent_id
                        where e.campaign_id = ?
                        order by case when e.status = 'TRAINED' then 0 else 1 end, e.fitness desc, e.id""")
                .param(campaignId)
                .query((rs, row) -> new LeaderboardRow(
                        rs.getString("id"),
                        rs.getString("name"),
                        ExperimentRole.valueOf(rs.getString("role")),
                        rs.getString("parent_name"),
                        ExperimentStatus.valueOf(rs.getString("status")),
                        Optional.ofNullable(rs.getString("failure_reason")),
                        optionalDouble(rs, "validation_loss"),
                        optionalDouble(rs, "benchmark_score"),
                        optionalDouble(rs, "fitness"),
                        rs.getLong("parameters")))
                .list();
    }

    /** Writes a validation result; one per experiment and profile, so a retried write changes nothing. */
    public boolean recordValidation(ValidationResult v) {
        Optional<Significance.Comparison> c = v.comparison();
        Optional<Significance.Comparison> f = v.fitnessComparison();
        try {
            jdbc.sql("insert into validation (experiment_id, profile, campaign_id, baseline_id, seeds, losses, "
                            + "baseline_losses, mean_loss, sd_loss, baseline_mean, baseline_sd, t, degrees_of_freedom, "
                            + "critical_t, beats_baseline, note, validated_at, benchmarks, baseline_benchmarks, fitness, "
                            + "mean_fitness, sd_fitness, fitness_t, loss_beats) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(v.experimentId(), v.profile(), v.campaignId(), v.baselineId(), joined(v.seeds()),
                            joined(v.losses()), joined(v.baselineLosses()),
                            c.map(Significance.Comparison::candidateMean).orElse(null),
                            c.map(Significance.Comparison::candidateSd).orElse(null),
                            c.map(Significance.Comparison::baselineMean).orElse(null),
                            c.map(Significance.Comparison::baselineSd).orElse(null),
                            c.map(Significance.Comparison::t).filter(Double::isFinite).orElse(null),
                            c.map(Significance.Comparison::degreesOfFreedom).orElse(null),
                            c.map(Significance.Comparison::criticalT).orElse(null),
                            v.beatsBaseline(), v.note(), time(v.validatedAtMillis()),
                            benchmarkRuns(v.benchmarks()), benchmarkRuns(v.baselineBenchmarks()), joined(v.fitness()),
                            f.map(Significance.Comparison::candidateMean).orElse(null),
                            f.map(Significance.Comparison::candidateSd).orElse(null),
                            f.map(Significance.Comparison::t).filter(Double::isFinite).orElse(null),
                            c.isPresent() ? v.lowerLoss() : null)
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    /** Benchmarks of several runs: each run's {@code label=accuracy;...}, runs separated by {@code |}. */
    private static String benchmarkRuns(List<Map<String, Double>> runs) {
        return runs.stream().map(ExperimentStore::encodeBenchmarks).collect(Collectors.joining("|"));
    }

    private static List<Map<String, Double>> decodeBenchmarkRuns(String text) {
        return text == null || text.isEmpty() ? List.of()
                : Arrays.stream(text.split("\\|", -1)).map(ExperimentStore::decodeBenchmarks).toList();
    }

    /** Writes one of the baseline's noise-floor runs (a trained one, or the failure of one); once per seed. */
    public boolean recordBaselineSeed(String campaignId, long seed, Optional<NoiseFloor.Run> run, String failure) {
        try {
            jdbc.sql("insert into baseline_seed (campaign_id, seed, validation_loss, benchmarks, failure) "
                            + "values (?, ?, ?, ?, ?)")
                    .params(campaignId, seed, run.map(NoiseFloor.Run::validationLoss).orElse(null),
                            run.map(r -> encodeBenchmarks(r.benchmarks())).orElse(null),
                            run.isPresent() ? null : failure)
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    /**
     * The campaign's noise floor: its trained baseline's run and every further seed that trained; empty
     * when fewer than two runs trained (the campaign measured none).
     */
    public Optional<NoiseFloor> noiseFloor(String campaignId) {
        RowMapper<NoiseFloor.Run> run = (rs, row) -> new NoiseFloor.Run(rs.getLong("seed"),
                rs.getDouble("validation_loss"), decodeBenchmarks(rs.getString("benchmarks")));
        List<NoiseFloor.Run> runs = new ArrayList<>(jdbc.sql("select c.seed, e.validation_loss, e.benchmarks from "
                        + "experiment e join campaign c on c.id = e.campaign_id "
                        + "where e.campaign_id = ? and e.role = 'BASELINE' and e.status = 'TRAINED'")
                .param(campaignId).query(run).list());
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        runs.addAll(jdbc.sql("select seed, validation_loss, benchmarks from baseline_seed where campaign_id = ? "
                        + "and validation_loss is not null order by seed")
                .param(campaignId).query(run).list());
        return NoiseFloor.of(runs);
    }

    /** The seeds of the baseline's noise floor that did not train, with why. */
    public Map<Long, String> baselineSeedFailures(String campaignId) {
        Map<Long, String> failures = new LinkedHashMap<>();
        jdbc.sql("select seed, failure from baseline_seed where campaign_id = ? and validation_loss is null order by seed")
                .param(campaignId)
                .query((rs, row) -> Map.entry(rs.getLong("seed"), rs.getString("failure")))
                .list().forEach(entry -> failures.put(entry.getKey(), entry.getValue()));
        return failures;
    }

    /**
     * The validated designs as the validation profile measured them: each candidate's means over its trained
     * seeds (fitness: the mean of its per-seed fitness), and the baseline's (fitness 0.5).
     */
    public List<ScreeningFidelity.Design> validatedDesigns(String campaignId, String profile) {
        List<ScreeningFidelity.Design> designs = new ArrayList<>();
        Map<String, BaselineRuns> baseline = new LinkedHashMap<>();
        jdbc.sql("select experiment_id, baseline_id, losses, baseline_losses, benchmarks, baseline_benchmarks, fitness "
                        + "from validation where campaign_id = ? and profile = ? order by validated_at")
                .params(campaignId, profile)
                .query((rs, row) -> {
                    List<Double> losses = numbers(rs.getString("losses"));
                    List<Double> fitness = numbers(rs.getString("fitness"));
                    if (!losses.isEmpty() && !fitness.isEmpty()) {
                        designs.add(new ScreeningFidelity.Design(rs.getString("experiment_id"), mean(losses),
                                meanBenchmarks(decodeBenchmarkRuns(rs.getString("benchmarks"))), mean(fitness)));
                    }
                    List<Double> baselineLosses = numbers(rs.getString("baseline_losses"));
                    if (!baselineLosses.isEmpty()) {
                        baseline.put(rs.getString("baseline_id"), new BaselineRuns(baselineLosses,
                                decodeBenchmarkRuns(rs.getString("baseline_benchmarks"))));
                    }
                    return row;
                })
                .list();
        baseline.forEach((id, runs) -> designs.add(0, new ScreeningFidelity.Design(id, mean(runs.losses()),
                meanBenchmarks(runs.benchmarks()), Fitness.BASELINE)));
        return designs;
    }

    /** The baseline's validation runs as a candidate's validation row holds them. */
    private record BaselineRuns(List<Double> losses, List<Map<String, Double>> benchmarks) {
    }

    /**
     * Computes and writes the campaign's screening fidelity against {@code profile}: the screen's values of
     * the designs validated there against the validation's; a second write replaces the first.
     */
    public Map<String, RankCorrelation> recordFidelity(String campaignId, String profile) {
        List<ScreeningFidelity.Design> larger = validatedDesigns(campaignId, profile);
        Set<String> ids = larger.stream().map(ScreeningFidelity.Design::id).collect(Collectors.toSet());
        List<ScreeningFidelity.Design> screen = campaignExperiments(campaignId).stream()
                .filter(r -> ids.contains(r.experimentId()) && r.metrics().isPresent())
                .map(r -> new ScreeningFidelity.Design(r.experimentId(), r.metrics().get().validationLoss(),
                        r.metrics().get().benchmarks(), r.role() == ExperimentRole.BASELINE ? Fitness.BASELINE
                        : r.fitness().orElse(Double.NaN)))
                .toList();
        Map<String, RankCorrelation> fidelity = ScreeningFidelity.of(screen, larger, campaignId.hashCode());
        transactions.executeWithoutResult(status -> {
            jdbc.sql("delete from screening_fidelity where campaign_id = ? and profile = ?")
                    .params(campaignId, profile).update();
            fidelity.forEach((measure, r) -> jdbc.sql("insert into screening_fidelity (campaign_id, profile, measure, "
                            + "designs, rho, low, high) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(campaignId, profile, measure, r.n(), finite(r.rho()), finite(r.low()), finite(r.high()))
                    .update());
        });
        return fidelity;
    }

    /** The campaign's recorded screening fidelity: per validation profile, per measure. */
    public Map<String, Map<String, RankCorrelation>> fidelity(String campaignId) {
        Map<String, Map<String, RankCorrelation>> byProfile = new LinkedHashMap<>();
        jdbc.sql("select profile, measure, designs, rho, low, high from screening_fidelity where campaign_id = ?")
                .param(campaignId)
                .query((rs, row) -> {
                    byProfile.computeIfAbsent(rs.getString("profile"), p -> new LinkedHashMap<>())
                            .put(rs.getString("measure"), new RankCorrelation(rs.getInt("designs"),
                                    orNaN(rs, "rho"), orNaN(rs, "low"), orNaN(rs, "high")));
                    return row;
                })
                .list();
        return byProfile;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double orNaN(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : value;
    }

    private static List<Double> numbers(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(Double::valueOf).toList();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Each benchmark's mean over the runs that have it. */
    private static Map<String, Double> meanBenchmarks(List<Map<String, Double>> runs) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach((label, value) -> values.computeIfAbsent(label, l -> new ArrayList<>())
                .add(value)));
        Map<String, Double> means = new LinkedHashMap<>();
        values.forEach((label, list) -> means.put(label, mean(list)));
        return means;
    }

    /** The latest validation verdict per experiment of a campaign: true when it beat the baseline. */
    public Map<String, Boolean> validationVerdicts(String campaignId) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        jdbc.sql("select experiment_id, beats_baseline from validation where campaign_id = ? order by validated_at")
                .param(campaignId)
                .query((rs, row) -> Map.entry(rs.getString("experiment_id"), rs.getBoolean("beats_baseline")))
                .list()
                .forEach(entry -> verdicts.put(entry.getKey(), entry.getValue()));
        return verdicts;
    }

    private static String joined(List<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The latest validation of each validated experiment of a campaign, with its spread over seeds. */
    public List<ValidationSpread> validations(String campaignId) {
        Map<String, ValidationSpread> latest = new LinkedHashMap<>();
        jdbc.sql("select experiment_id, profile, seeds, mean_loss, sd_loss, baseline_mean, baseline_sd, beats_baseline, "
                        + "note, mean_fitness, sd_fitness, loss_beats from validation where campaign_id = ? "
                        + "order by validated_at")
                .param(campaignId)
                .query((rs, row) -> new ValidationSpread(rs.getString("experiment_id"), rs.getString("profile"),
                        rs.getString("seeds").isEmpty() ? 0 : rs.getString("seeds").split(",").length,
                        optionalDouble(rs, "mean_loss"), optionalDouble(rs, "sd_loss"),
                        optionalDouble(rs, "baseline_mean"), optionalDouble(rs, "baseline_sd"),
                        rs.getBoolean("beats_baseline"), rs.getString("note"), optionalDouble(rs, "mean_fitness"),
                        optionalDouble(rs, "sd_fitness"), Optional.ofNullable((Boolean) rs.getObject("loss_beats"))))
                .list()
                .forEach(spread -> latest.put(spread.experimentId(), spread));
        return List.copyOf(latest.values());
    }

    /** Every campaign, newest first, with how many of its experiments are recorded and trained. */
    public List<CampaignRow> campaigns() {
        return jdbc.sql(CAMPAIGN_ROWS + CAMPAIGN_GROUPS + " order by c.started_at desc, c.id desc")
                .query((rs, row) -> campaignRow(rs))
                .list();
    }

    public Optional<CampaignRow> campaign(String campaignId) {
        return jdbc.sql(CAMPAIGN_ROWS + " where c.id = ?" + CAMPAIGN_GROUPS)
                .param(campaignId)
                .query((rs, row) -> campaignRow(rs))
                .optional();
    }

    private static CampaignRow campaignRow(ResultSet rs) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new CampaignRow(rs.getString("id"), rs.getString("profile"), rs.getInt("experiments"),
                rs.getLong("seed"), rs.getString("status"), rs.getInt("recorded"), rs.getInt("trained"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant().toEpochMilli(),
                finished == null ? OptionalLong.empty() : OptionalLong.of(finished.toInstant().toEpochMilli()),
                rs.getString("strategy"), rs.getInt("baseline_seeds"));
    }

    public Optional<String> campaignStatus(String campaignId) {
        return jdbc.sql("select status from campaign where id = ?").param(campaignId).query(String.class).optional();
    }

    private void insert(ExperimentRecord r) {
        Optional<TrainingMetrics> m = r.metrics();
        jdbc.sql("insert into experiment (" + EXPERIMENT_COLUMNS + ") values "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(r.experimentId(), r.campaignId(), r.role().name(), r.parentId().orElse(null), r.name(),
                        r.motivation(), r.spec().orElse(null), r.source(), MixerSource.sha256(r.source()), r.researcher(),
                        r.status().name(), r.failureReason().map(Enum::name).orElse(null), r.diagnostic(),
                        m.map(TrainingMetrics::validationLoss).orElse(null),
                        m.map(TrainingMetrics::finalTrainLoss).orElse(null),
                        m.map(TrainingMetrics::tokensPerSecond).orElse(null),
                        m.map(TrainingMetrics::parameters).orElse(null),
                        m.map(TrainingMetrics::trainSeconds).orElse(null),
                        m.map(TrainingMetrics::curveEvery).orElse(null),
                        m.map(metrics -> metrics.trainLossCurve().stream().map(String::valueOf)
                                .collect(Collectors.joining(","))).orElse(null),
                        m.map(metrics -> encodeBenchmarks(metrics.benchmarks())).orElse(null),
                        m.flatMap(metrics -> metrics.benchmarkScore().isPresent()
                                ? Optional.of(metrics.benchmarkScore().getAsDouble()) : Optional.empty()).orElse(null),
                        r.fitness().isPresent() ? r.fitness().getAsDouble() : null,
                        r.artifactPrefix(), time(r.createdAtMillis()), r.secondParentId().orElse(null))
                .update();
    }

    private List<String> references(String experimentId) {
        return jdbc.sql("select reference_id from experiment_reference where experiment_id = ? order by position")
                .param(experimentId)
                .query(String.class)
                .list();
    }

    private List<ImplementationAttempt> attempts(String experimentId) {
        return jdbc.sql("select round, author, source, passed, failure_reason, diagnostic, sent_for_repair "
                        + "from implementation_attempt where experiment_id = ? order by round")
                .param(experimentId)
                .query((rs, row) -> new ImplementationAttempt(rs.getInt("round"), rs.getString("author"),
                        rs.getString("source"), Optional.ofNullable(rs.getString("failure_reason")).map(FailureReason::valueOf),
                        rs.getString("diagnostic"), rs.getBoolean("sent_for_repair")))
                .list();
    }

    private List<LlmCall> llmCalls(String experimentId) {
        return jdbc.sql("select role, model, prompt_tokens, completion_tokens, cost_usd, answer from llm_call "
                        + "where experiment_id = ? order by position")
                .param(experimentId)
                .query((rs, row) -> new LlmCall(rs.getString("role"), rs.getString("model"),
                        rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getDouble("cost_usd"),
                        rs.getString("answer")))
                .list();
    }

    private Optional<JudgeScores> judge(String experimentId) {
        return jdbc.sql("select performance, innovation, complexity, rationale, judge, in_fitness from judge_score "
                        + "where experiment_id = ?")
                .param(experimentId)
                .query((rs, row) -> new JudgeScores(rs.getDouble("performance"), rs.getDouble("innovation"),
                        rs.getDouble("complexity"), rs.getString("rationale"), rs.getString("judge"),
                        rs.getBoolean("in_fitness")))
                .optional();
    }

    private void insertAnalysis(String experimentId, Analysis analysis) {
        jdbc.sql("insert into analysis (experiment_id, design_evaluation, results_analysis, expectation_vs_reality, "
                        + "theoretical_explanation, synthesis, analyst, summary) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(experimentId, analysis.designEvaluation(), analysis.resultsAnalysis(),
                        analysis.expectationVsReality(), analysis.theoreticalExplanation(), analysis.synthesis(),
                        analysis.analyst(), analysis.summary())
                .update();
        for (int rank = 0; rank < analysis.cognition().size(); rank++) {
            CognitionHit hit = analysis.cognition().get(rank);
            jdbc.sql("insert into analysis_cognition (experiment_id, position, entry_id, title, score) values (?, ?, ?, ?, ?)")
                    .params(experimentId, rank, hit.entryId(), hit.title(), hit.score())
                    .update();
        }
    }

    private List<String> incidents(String experimentId) {
        return jdbc.sql("select description from experiment_incident where experiment_id = ? order by position")
                .param(experimentId)
                .query(String.class)
                .list();
    }

    private Optional<Analysis> analysis(String experimentId) {
        List<CognitionHit> cognition = jdbc.sql("select entry_id, title, score from analysis_cognition "
                        + "where experiment_id = ? order by position")
                .param(experimentId)
                .query((rs, row) -> new CognitionHit(rs.getString("entry_id"), rs.getString("title"),
                        rs.getDouble("score")))
                .list();
        return jdbc.sql("select design_evaluation, results_analysis, expectation_vs_reality, theoretical_explanation, "
                        + "synthesis, analyst, summary from analysis where experiment_id = ?")
                .param(experimentId)
                .query((rs, row) -> new Analysis(rs.getString("design_evaluation"), rs.getString("results_analysis"),
                        rs.getString("expectation_vs_reality"), rs.getString("theoretical_explanation"),
                        rs.getString("synthesis"), rs.getString("analyst"), cognition, rs.getString("summary")))
                .optional();
    }

    private ExperimentRecord read(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        ExperimentStatus status = ExperimentStatus.valueOf(rs.getString("status"));
        Optional<TrainingMetrics> metrics = status == ExperimentStatus.TRAINED
                ? Optional.of(new TrainingMetrics(
                        rs.getDouble("validation_loss"),
                        rs.getDouble("final_train_loss"),
                        curve(rs.getString("train_loss_curve")),
                        rs.getInt("curve_every"),
                        rs.getDouble("tokens_per_second"),
                        rs.getLong("parameters"),
                        rs.getDouble("train_seconds"),
                        decodeBenchmarks(rs.getString("benchmarks"))))
                : Optional.empty();
        return new ExperimentRecord(
                id,
                rs.getString("campaign_id"),
                ExperimentRole.valueOf(rs.getString("role")),
                Optional.ofNullable(rs.getString("parent_id")),
                Optional.ofNullable(rs.getString("second_parent_id")),
                references(id),
                rs.getString("name"),
                rs.getString("motivation"),
                Optional.ofNullable(rs.getString("spec")),
                rs.getString("source"),
                rs.getString("researcher"),
                status,
                Optional.ofNullable(rs.getString("failure_reason")).map(FailureReason::valueOf),
                rs.getString("diagnostic"),
                attempts(id),
                llmCalls(id),
                incidents(id),
                metrics,
                judge(id),
                analysis(id),
                optionalDouble(rs, "fitness"),
                rs.getString("artifact_prefix"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant().toEpochMilli());
    }

    private static List<Double> curve(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(Double::valueOf).toList();
    }

    /** {@code label=accuracy;...}, e.g. {@code induction-64=0.9;mqar-128x32=0.41}. */
    private static String encodeBenchmarks(Map<String, Double> benchmarks) {
        return benchmarks.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    private static Map<String, Double> decodeBenchmarks(String text) {
        Map<String, Double> benchmarks = new LinkedHashMap<>();
        if (text != null && !text.isEmpty()) {
            for (String entry : text.split(";")) {
                int eq = entry.lastIndexOf('=');
                benchmarks.put(entry.substring(0, eq), Double.valueOf(entry.substring(eq + 1)));
            }
        }
        return benchmarks;
    }

    private static OptionalDouble optionalDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static OffsetDateTime time(long millis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
