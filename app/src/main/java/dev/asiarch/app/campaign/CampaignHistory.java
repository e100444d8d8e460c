package dev.asiarch.app.campaign;

import dev.asiarch.activities.store.ExperimentOutline;
import dev.asiarch.core.experiment.ExperimentRole;
import dev.asiarch.core.experiment.ExperimentStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a campaign's recorded experiments say taken together: their lineage, the best fitness as the
 * campaign spent experiments and compute, and its failures by category. The dashboard and the report
 * both read a campaign through it. A suspected leak (a validation loss implausibly far below the
 * baseline's) is never its best: it is left out of the winners and of the best fitness so far.
 */
public final class CampaignHistory {

    private final List<ExperimentOutline> experiments;
    private final Map<String, ExperimentOutline> byId = new LinkedHashMap<>();
    private final Optional<CampaignBaseline> measuredBaseline;

    /** {@code experiments} in the order they ran, as {@code ExperimentStore.campaignOutlines} returns them. */
    public CampaignHistory(List<ExperimentOutline> experiments) {
        this.experiments = List.copyOf(experiments);
        experiments.forEach(e -> byId.put(e.experimentId(), e));
        this.measuredBaseline = CampaignBaseline.recorded(experiments);
    }

    /**
     * An experiment and the experiments evolved from it.
     *
     * @param crossedWith for a crossover, its second parent (the reference it took parts from), by id and name
     */
    public record LineageNode(String experimentId, String name, ExperimentStatus status, Optional<String> failureReason,
                              OptionalDouble fitness, boolean baseline, boolean suspectedLeak,
                              Optional<SecondParent> crossedWith, List<LineageNode> children) {
    }

    /** The second parent of a crossover. */
    public record SecondParent(String experimentId, String name) {
    }

    /**
     * The best fitness after the experiment at {@code index}, against what the campaign had spent by then.
     *
     * @param computeHours  training wall time of the experiments so far (the optimisation loops of trained ones)
     * @param suspectedLeak this experiment is a suspected leak: its fitness is shown but never counts as the best
     * @param bestFitness   empty until a plausible experiment has a fitness
     */
    public record Progress(int index, double computeHours, OptionalDouble fitness, boolean suspectedLeak,
                           OptionalDouble bestFitness) {
    }

    /** Every experiment in the order they ran. */
    public List<ExperimentOutline> experiments() {
        return experiments;
    }

    public boolean isEmpty() {
        return experiments.isEmpty();
    }

    public Optional<ExperimentOutline> baseline() {
        return experiments.stream().filter(e -> e.role() == ExperimentRole.BASELINE).findFirst();
    }

    public Optional<ExperimentOutline> find(String experimentId) {
        return Optional.ofNullable(byId.get(experimentId));
    }

    /** A trained candidate whose validation loss is more than 10% below the baseline's. */
    public boolean suspectedLeak(ExperimentOutline e) {
        return measuredBaseline.map(b -> b.suspectsLeak(e.role(), e.status(), e.validationLoss())).orElse(false);
    }

    /** Why the candidate filter keeps this trained candidate out of the pool, when it does. */
    public Optional<String> keptOutOfPool(ExperimentOutline e) {
        return measuredBaseline.flatMap(b -> b.keptOut(e.role(), e.status(), e.validationLoss(), e.benchmarkScore()));
    }

    /** The suspected leaks in the order they ran. */
    public List<ExperimentOutline> suspectedLeaks() {
        return experiments.stream().filter(this::suspectedLeak).toList();
    }

    /** The lineage forest: experiments whose parent is outside the campaign (or none) are its roots. */
    public List<LineageNode> lineage() {
        Map<String, List<ExperimentOutline>> children = new LinkedHashMap<>();
        List<ExperimentOutline> roots = new ArrayList<>();
        for (ExperimentOutline e : experiments) {
            Optional<String> parent = e.parentId().filter(id -> find(id).isPresent());
            if (parent.isPresent()) {
                children.computeIfAbsent(parent.get(), id -> new ArrayList<>()).add(e);
            } else {
                roots.add(e);
            }
        }
        return roots.stream().map(root -> node(root, children)).toList();
    }

    private LineageNode node(ExperimentOutline e, Map<String, List<ExperimentOutline>> children) {
        return new LineageNode(e.experimentId(), e.name(), e.status(), e.failureReason().map(Enum::name), e.fitness(),
                e.role() == ExperimentRole.BASELINE, suspectedLeak(e),
                e.secondParentId().map(id -> new SecondParent(id, find(id).map(ExperimentOutline::name).orElse(id))),
                children.getOrDefault(e.experimentId(), List.of()).stream().map(c -> node(c, children)).toList());
    }

    /** The chain from the campaign's root down to this experiment, root first. */
    public List<ExperimentOutline> ancestry(String experimentId) {
        List<ExperimentOutline> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<ExperimentOutline> at = find(experimentId);
        while (at.isPresent() && seen.add(at.get().experimentId())) {
            chain.add(0, at.get());
            at = at.get().parentId().flatMap(this::find);
        }
        return chain;
    }

    /**
     * Trained candidates by fitness, best first (the baseline is what they are measured against); no
     * suspected leak, however high its fitness.
     */
    public List<ExperimentOutline> winners(int count) {
        return experiments.stream()
                .filter(e -> e.role() == ExperimentRole.CANDIDATE)
                .filter(e -> e.status() == ExperimentStatus.TRAINED && e.fitness().isPresent())
                .filter(e -> !suspectedLeak(e))
                .sorted(Comparator.comparingDouble((ExperimentOutline e) -> e.fitness().getAsDouble()).reversed())
                .limit(count)
                .toList();
    }

    /**
     * After each experiment in the order they ran: the best fitness so far, suspected leaks left out, and
     * the compute spent so far.
     */
    public List<Progress> progress() {
        List<Progress> points = new ArrayList<>();
        double seconds = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < experiments.size(); i++) {
            ExperimentOutline e = experiments.get(i);
            seconds += e.trainSeconds().orElse(0.0);
            boolean leak = suspectedLeak(e);
            if (e.fitness().isPresent() && !leak) {
                best = Math.max(best, e.fitness().getAsDouble());
            }
            points.add(new Progress(i, seconds / 3600.0, e.fitness(), leak,
                    Double.isInfinite(best) ? OptionalDouble.empty() : OptionalDouble.of(best)));
        }
        return points;
    }

    /** Failed experiments counted by reason, most frequent first. */
    public Map<String, Long> failuresByReason() {
        Map<String, Long> counts = new TreeMap<>();
        experiments.stream().filter(e -> e.status() == ExperimentStatus.FAILED)
                .forEach(e -> counts.merge(e.failureReason().map(Enum::name).orElse("UNKNOWN"), 1L, Long::sum));
        Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }
}
