package dev.asiarch.app.web;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.campaign.CampaignBaseline;
import dev.asiarch.app.config.ServesStoreUsers;
import dev.asiarch.core.experiment.Analysis;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.JudgeScores;
import dev.asiarch.core.experiment.TrainingMetrics;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/experiments/{id}}: one experiment's full record with the candidate filter's verdict on it,
 * its loss curve beside its parent's and the baseline's, its code diff against its parent, and the
 * Judge's and Analyst's words on it.
 */
@RestController
@RequestMapping("/api/experiments")
@ConditionalOnWebApplication
@Conditional(ServesStoreUsers.class)
class ExperimentApi {

    /** Lines of context around each change in a diff. */
    private static final int DIFF_CONTEXT = 3;

    /** A training-loss curve: one point per {@code every} steps. */
    record Curve(String experimentId, String name, int every, List<Double> loss) {
    }

    record Curves(Curve experiment, Optional<Curve> parent, Optional<Curve> baseline) {
    }

    /**
     * A unified diff of the experiment's source against its parent's.
     *
     * @param lines each line with its kind: {@code header}, {@code hunk}, {@code added}, {@code removed} or
     *              {@code context}
     */
    record CodeDiff(String experimentId, Optional<String> parentId, String parentName, int added, int removed,
                    List<DiffLine> lines) {
    }

    record DiffLine(String kind, String text) {
    }

    record Assessment(String experimentId, String motivation, Optional<JudgeScores> judge, Optional<Analysis> analysis,
                      List<String> incidents) {
    }

    /**
     * An experiment's full record, its fields at the top level, with what the candidate filter made of it.
     *
     * @param suspectedLeak a trained candidate whose validation loss is more than 10% below the baseline's
     * @param keptOutOfPool why the filter keeps this trained candidate out of the pool, when it does
     */
    record ExperimentView(@JsonUnwrapped ExperimentRecord record, boolean suspectedLeak,
                          Optional<String> keptOutOfPool) {
    }

    private final ExperimentStore store;

    ExperimentApi(ExperimentStore store) {
        this.store = store;
    }

    @GetMapping("/{id}")
    ExperimentView get(@PathVariable String id) {
        ExperimentRecord e = find(id);
        Optional<CampaignBaseline> baseline = CampaignBaseline.recorded(store.campaignOutlines(e.campaignId()));
        OptionalDouble loss = e.metrics().map(m -> OptionalDouble.of(m.validationLoss())).orElse(OptionalDouble.empty());
        OptionalDouble benchmark = e.metrics().map(TrainingMetrics::benchmarkScore).orElse(OptionalDouble.empty());
        return new ExperimentView(e, baseline.map(b -> b.suspectsLeak(e.role(), e.status(), loss)).orElse(false),
                baseline.flatMap(b -> b.keptOut(e.role(), e.status(), loss, benchmark)));
    }

    @GetMapping("/{id}/curves")
    Curves curves(@PathVariable String id) {
        ExperimentRecord experiment = find(id);
        Optional<ExperimentRecord> baseline = store.campaignOutlines(experiment.campaignId()).stream()
                .filter(e -> e.role() == ExperimentRole.BASELINE && !e.experimentId().equals(id))
                .findFirst()
                .flatMap(e -> store.find(e.experimentId()));
        return new Curves(curve(experiment), experiment.parentId().flatMap(store::find).map(ExperimentApi::curve),
                baseline.map(ExperimentApi::curve));
    }

    @GetMapping("/{id}/diff")
    CodeDiff diff(@PathVariable String id) {
        ExperimentRecord experiment = find(id);
        Optional<ExperimentRecord> parent = experiment.parentId().flatMap(store::find);
        List<String> before = parent.map(p -> p.source().lines().toList()).orElse(List.of());
        List<String> after = experiment.source().lines().toList();
        String beforeName = parent.map(ExperimentRecord::name).orElse("(no parent)");
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(beforeName, experiment.name(), before,
                DiffUtils.diff(before, after), DIFF_CONTEXT);
        List<DiffLine> lines = unified.stream().map(ExperimentApi::line).toList();
        return new CodeDiff(id, experiment.parentId(), beforeName,
                (int) lines.stream().filter(l -> l.kind().equals("added")).count(),
                (int) lines.stream().filter(l -> l.kind().equals("removed")).count(), lines);
    }

    @GetMapping("/{id}/analysis")
    Assessment analysis(@PathVariable String id) {
        ExperimentRecord e = find(id);
        return new Assessment(id, e.motivation(), e.judge(), e.analysis(), e.incidents());
    }

    private ExperimentRecord find(String id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no experiment '" + id
                + "'; GET /api/campaigns/{campaign}/experiments lists a campaign's"));
    }

    private static Curve curve(ExperimentRecord e) {
        return new Curve(e.experimentId(), e.name(), e.metrics().map(m -> m.curveEvery()).orElse(0),
                e.metrics().map(m -> m.trainLossCurve()).orElse(List.of()));
    }

    private static DiffLine line(String text) {
        String kind = text.startsWith("---") || text.startsWith("+++") ? "header"
                : text.startsWith("@@") ? "hunk"
                : text.startsWith("+") ? "added"
                : text.startsWith("-") ? "removed"
                : "context";
        return new DiffLine(kind, text);
    }
}
