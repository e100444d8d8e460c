package dev.asiarch.activities.research;

import dev.asiarch.core.program.FeatureMap;
import dev.asiarch.core.program.MixerSpec;
import dev.asiarch.core.program.MixerSpec.Decay;
import dev.asiarch.core.program.MixerSpec.Fusion;
import dev.asiarch.core.program.MixerSpec.FusionKind;
import dev.asiarch.core.program.MixerSpec.Memory;
import dev.asiarch.core.program.MixerSpec.OutputGate;
import dev.asiarch.core.program.MixerSpec.Path;
import dev.asiarch.core.program.MixerSpec.RouterInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The offline Researcher's imagination over the {@link MixerSpec} space: one or two changes to a
 * parent (its memory, feature map, convolutions, paths, fusion, gates, heads), each with the reason
 * it might help, or a crossover that takes whole parts of the parent and of one sampled reference.
 * Every result is a settled spec, so it is a valid mixer; none repeats a spec the campaign has tried.
 */
public final class SpecMutator {

    static final int MAX_ATTEMPTS = 200;
    /** How often a proposal with references to draw on is a crossover. */
    static final double CROSSOVER_SHARE = 0.35;

    private SpecMutator() {
    }

    /** A design the campaign has measured, offered to borrow from. */
    public record Reference(String experimentId, String name, MixerSpec spec) {
    }

    /**
     * A spec derived from a parent, with one sentence of motivation per change.
     *
     * @param crossedWith the reference the spec took parts from, when it is a crossover
     */
    public record Mutation(MixerSpec spec, List<String> reasons, Optional<Reference> crossedWith) {
        public Mutation {
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * A mutation or crossover of {@code parent} whose encoding is not in {@code tried}.
     *
     * @throws IllegalStateException if every attempt landed on a spec already tried
     */
    public static Mutation mutate(MixerSpec parent, String parentName, List<Reference> references, Set<String> tried,
                                  Random random) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<String> reasons = new ArrayList<>();
            Optional<Reference> donor = Optional.empty();
            MixerSpec spec = parent;
            if (!references.isEmpty() && random.nextDouble() < CROSSOVER_SHARE) {
                Reference reference = references.get(random.nextInt(references.size()));
                if (!reference.spec().equals(parent)) {
                    donor = Optional.of(reference);
                    spec = crossover(parent, parentName, reference, random, reasons);
                }
            }
            int changes = donor.isPresent() ? random.nextInt(2) : 1 + random.nextInt(2);
            for (int i = 0; i < changes; i++) {
                spec = change(spec, random, reasons);
            }
            if (!spec.equals(parent) && !tried.contains(spec.encode())) {
                return new Mutation(spec, reasons, donor);
            }
        }
        throw new IllegalStateException("no untried mutation of " + parent.encode() + " after " + MAX_ATTEMPTS
                + " attempts; the neighbourhood of this parent is exhausted");
    }

    /** The parts a crossover moves whole: each is one idea of a design. */
    private enum Part {
        MEMORY("memory"), PROJECTIONS("query/key projections"), PATHS("paths"), FUSION("fusion"),
        GATES("output gate and residual"), HEADS("head count");

        private final String label;

        Part(String label) {
            this.label = label;
        }
    }

    /**
     * Each part from the parent or the reference, at least one from each, taken from the reference by
     * preference where the two differ; the memory and the paths travel together when the reference's
     * paths need its memory.
     */
    static MixerSpec crossover(MixerSpec parent, String parentName, Reference reference, Random random,
                               List<String> reasons) {
        MixerSpec donor = reference.spec();
        List<Part> differing = new ArrayList<>();
        for (Part part : Part.values()) {
            if (!part(parent, part).equals(part(donor, part))) {
                differing.add(part);
            }
        }
        if (differing.isEmpty()) {
            return parent;
        }
        List<Part> taken = new ArrayList<>();
        for (Part part : differing) {
            if (random.nextBoolean()) {
                taken.add(part);
            }
        }
        if (taken.isEmpty()) {
            taken.add(differing.get(random.nextInt(differing.size())));
        }
        if (taken.size() == differing.size() && differing.size() > 1) {
            taken.remove(random.nextInt(taken.size()));
        }
        boolean memory = taken.contains(Part.MEMORY);
        boolean projections = taken.contains(Part.PROJECTIONS);
        boolean paths = taken.contains(Part.PATHS);
        boolean fusion = taken.contains(Part.FUSION);
        boolean gates = taken.contains(Part.GATES);
        MixerSpec child = MixerSpec.settled(
                (memory ? donor : parent).memory(), (memory ? donor : parent).decay(),
                (projections ? donor : parent).featureMap(), (projections ? donor : parent).shortConv(),
                (paths ? donor : parent).paths(), (fusion ? donor : parent).fusion(),
                (gates ? donor : parent).residual(), (gates ? donor : parent).outputGate(),
                (taken.contains(Part.HEADS) ? donor : parent).heads());
        List<Part> kept = differing.stream().filter(part -> !taken.contains(part)).toList();
        reasons.add("crosses " + parentName + " with " + reference.name() + ": takes the " + labels(taken) + " of "
                + reference.name() + (kept.isEmpty() ? "" : " and keeps the " + labels(kept) + " of " + parentName)
                + ", to see whether what worked in each combines");
        return child;
    }

    private static Object part(MixerSpec spec, Part part) {
        return switch (part) {
            case MEMORY -> List.of(spec.memory(), spec.decay());
            case PROJECTIONS -> List.of(spec.featureMap(), spec.shortConv());
            case PATHS -> spec.paths().stream().filter(p -> !p.equals(Path.MEMORY)).toList();
            case FUSION -> spec.fusion();
            case GATES -> List.of(spec.residual(), spec.outputGate());
            case HEADS -> spec.heads();
        };
    }

    private static String labels(List<Part> parts) {
        return parts.stream().map(part -> part.label).collect(Collectors.joining(", "));
    }

    private static MixerSpec change(MixerSpec s, Random random, List<String> reasons) {
        Fusion f = s.fusion();
        switch (random.nextInt(12)) {
            case 0 -> {
                Memory memory = pick(List.of(Memory.values()), s.memory(), random);
                reasons.add(memoryReason(s.memory(), memory));
                FeatureMap map = s.memory() == Memory.NONE ? FeatureMap.SILU : s.featureMap();
                return MixerSpec.settled(memory, s.decay(), map, s.shortConv(), s.paths(), f, s.residual(),
                        s.outputGate(), s.heads());
            }
            case 1 -> {
                if (!s.memory().gated()) {
                    return change(s, random, reasons);
                }
                Decay decay = s.decay() == Decay.TOKEN ? Decay.RETENTION : Decay.TOKEN;
                reasons.add(decay == Decay.RETENTION
                        ? "makes the memory forget at a learned per-head rate that no token controls, a steadier"
                          + " horizon per head than a decay read from each token"
                        : "lets each token set how much the memory forgets, so a boundary in the text can clear it");
                return withDecay(s, decay);
            }
            case 2 -> {
                if (s.memory() == Memory.NONE) {
                    return change(s, random, reasons);
                }
                FeatureMap map = pick(List.of(FeatureMap.values()), s.featureMap(), random);
                reasons.add("switches the query/key feature map from " + label(s.featureMap()) + " to " + label(map)
                        + ", changing which directions survive the L2 normalisation and how sharply keys separate");
                return MixerSpec.settled(s.memory(), s.decay(), map, s.shortConv(), s.paths(), f, s.residual(),
                        s.outputGate(), s.heads());
            }
            case 3 -> {
                int taps = pick(MixerSpec.SHORT_CONV_CHOICES, s.shortConv(), random);
                reasons.add(taps == 0
                        ? "removes the short convolutions on q, k and v to measure what they contribute"
                        : "uses " + taps + "-tap short causal convolutions on q, k and v (was "
                          + (s.shortConv() == 0 ? "none" : s.shortConv()) + "), so each key already mixes"
                          + " its neighbours before it is written");
                return MixerSpec.settled(s.memory(), s.decay(), s.featureMap(), taps, s.paths(), f, s.residual(),
                        s.outputGate(), s.heads());
            }
            case 4 -> {
                return addPath(s, random, reasons);
            }
            case 5 -> {
                List<Path> removable = s.paths().stream().filter(p -> !p.equals(Path.MEMORY)).toList();
                if (removable.isEmpty() || s.paths().size() == 1) {
                    return addPath(s, random, reasons);
                }
                Path gone = removable.get(random.nextInt(removable.size()));
                List<Path> paths = new ArrayList<>(s.paths());
                paths.remove(gone);
                reasons.add("drops the " + describe(gone) + " path to test whether the rest carry the result without it");
                return withPaths(s, paths);
            }
            case 6 -> {
                List<Path> firs = s.firPaths();
                if (firs.isEmpty()) {
                    return addPath(s, random, reasons);
                }
                Path old = firs.get(random.nextInt(firs.size()));
                List<Integer> free = MixerSpec.FIR_CHOICES.stream()
                        .filter(taps -> !s.paths().contains(Path.fir(taps))).toList();
                int taps = free.get(random.nextInt(free.size()));
                List<Path> paths = new ArrayList<>(s.paths());
                paths.set(paths.indexOf(old), Path.fir(taps));
                reasons.add("changes a FIR path from " + old.taps() + " to " + taps + " taps to probe how much local"
                        + " context that path wants");
                return withPaths(s, paths);
            }
            case 7 -> {
                if (s.paths().size() == 1) {
                    return addPath(s, random, reasons);
                }
                List<FusionKind> kinds = new ArrayList<>(List.of(FusionKind.SOFTMAX, FusionKind.SIGMOID,
                        FusionKind.HIERARCHICAL));
                if (s.paths().contains(Path.VALUE) && s.paths().size() >= 3) {
                    kinds.add(FusionKind.TWO_STAGE);
                }
                FusionKind kind = pick(kinds, f.kind(), random);
                reasons.add(fusionReason(kind));
                return withFusion(s, new Fusion(kind, f.input(), f.temperature(), f.sharpness(), f.floor(),
                        f.learnedFloors(), f.prior(), 0));
            }
            case 8 -> {
                if (!f.kind().routed()) {
                    return addPath(s, random, reasons);
                }
                RouterInput input = pick(List.of(RouterInput.values()), f.input(), random);
                reasons.add(switch (input) {
                    case HIDDEN -> "lets the router read the hidden state alone, the cheapest choice, to see whether"
                            + " the path statistics were earning their cost";
                    case CONTENT -> "feeds the router each path's per-head mean and spread besides the hidden state,"
                            + " so it can route by what each path actually produced for this token";
                    case MAGNITUDE -> "gives the router a wide GELU layer over the hidden state and each path's mean"
                            + " magnitude, a richer view of which path is active";
                });
                return withFusion(s, new Fusion(f.kind(), input, f.temperature(), f.sharpness(), f.floor(),
                        f.learnedFloors(), f.prior(), f.group()));
            }
            case 9 -> {
                if (!f.kind().routed()) {
                    return addPath(s, random, reasons);
                }
                return withFusion(s, routerOption(s, random, reasons));
            }
            case 10 -> {
                if (random.nextBoolean() && !s.firPaths().isEmpty()) {
                    reasons.add(s.residual()
                            ? "removes the always-on residual of the first FIR path; the fusion alone decides"
                            : "adds the first FIR path again at a small learned scale, a residual the router cannot"
                              + " switch off, so local detail always reaches the output");
                    return MixerSpec.settled(s.memory(), s.decay(), s.featureMap(), s.shortConv(), s.paths(), f,
                            !s.residual(), s.outputGate(), s.heads());
                }
                OutputGate gate = pick(List.of(OutputGate.values()), s.outputGate(), random);
                reasons.add(switch (gate) {
                    case NONE -> "removes the output gate to see whether the readout needs it";
                    case SILU -> "gates every output channel with SiLU of a projection of the hidden state, so the"
                            + " readout can be suppressed where it does not help";
                    case HEAD -> "scales each head's output by a sigmoid of the hidden state, a cheap per-head switch";
                });
                return MixerSpec.settled(s.memory(), s.decay(), s.featureMap(), s.shortConv(), s.paths(), f,
                        s.residual(), gate, s.heads());
            }
            default -> {
                int heads = pick(MixerSpec.HEAD_CHOICES, s.heads(), random);
                reasons.add("uses " + heads + " heads instead of " + s.heads() + (heads > s.heads()
                        ? ": more, smaller states that can specialise"
                        : ": fewer, larger states with more room per key"));
                return MixerSpec.settled(s.memory(), s.decay(), s.featureMap(), s.shortConv(), s.paths(), f,
                        s.residual(), s.outputGate(), heads);
            }
        }
    }

    private static MixerSpec addPath(MixerSpec s, Random random, List<String> reasons) {
        List<Path> candidates = new ArrayList<>();
        if (!s.paths().contains(Path.VALUE)) {
            candidates.add(Path.VALUE);
        }
        MixerSpec.FIR_CHOICES.stream().map(Path::fir).filter(p -> !s.paths().contains(p)).forEach(candidates::add);
        if (s.paths().size() >= MixerSpec.MAX_PATHS) {
            return change(s, random, reasons);
        }
        Path added = candidates.get(random.nextInt(candidates.size()));
        List<Path> paths = new ArrayList<>(s.paths());
        paths.add(added);
        reasons.add(added.equals(Path.VALUE)
                ? "adds the values themselves as a path, so a head can pass a token through untouched when neither"
                  + " memory nor filters help"
                : "adds a " + added.taps() + "-tap causal FIR path over the values: local patterns get a direct"
                  + " route, so the memory can spend its capacity on long-range associations");
        return withPaths(s, paths);
    }

    private static Fusion routerOption(MixerSpec s, Random random, List<String> reasons) {
        Fusion f = s.fusion();
        int routed = s.routedPaths().size();
        return switch (random.nextInt(5)) {
            case 0 -> {
                reasons.add(f.temperature() ? "drops the router's learned temperature"
                        : "gives the router a learned per-head temperature, so each head can choose how sharply it routes");
                yield new Fusion(f.kind(), f.input(), !f.temperature(), f.sharpness(), f.floor(), f.learnedFloors(),
                        f.prior(), f.group());
            }
            case 1 -> {
                reasons.add(f.sharpness() ? "drops the router's learned sharpness"
                        : "multiplies the router's logits by a learned per-head sharpness starting at 1.5,"
                          + " so routing can start decisive");
                yield new Fusion(f.kind(), f.input(), f.temperature(), !f.sharpness(), f.floor(), f.learnedFloors(),
                        f.prior(), f.group());
            }
            case 2 -> {
                float floor = pick(MixerSpec.FLOOR_CHOICES, f.floor(), random);
                reasons.add(floor == 0f ? "removes the routing floor, letting a path be switched off entirely"
                        : "keeps every path's weight at least " + floor + ", so no path starves of gradient early on");
                yield new Fusion(f.kind(), f.input(), f.temperature(), f.sharpness(), floor, f.learnedFloors(),
                        f.prior(), f.group());
            }
            case 3 -> {
                reasons.add(f.learnedFloors() ? "removes the context-dependent floors"
                        : "adds context-dependent floors (up to 0.2 per path), so the router can keep a path alive"
                          + " exactly where the text needs it");
                yield new Fusion(f.kind(), f.input(), f.temperature(), f.sharpness(), f.floor(), !f.learnedFloors(),
                        f.prior(), f.group());
            }
            default -> {
                if (!f.prior().isEmpty()) {
                    reasons.add("drops the router's fixed prior, letting learning alone decide the first routing");
                    yield new Fusion(f.kind(), f.input(), f.temperature(), f.sharpness(), f.floor(), f.learnedFloors(),
                            List.of(), f.group());
                }
                int favoured = random.nextInt(routed);
                List<Float> prior = new ArrayList<>();
                for (int i = 0; i < routed; i++) {
                    prior.add(i == favoured ? 2f : 0f);
                }
                reasons.add("starts the router favouring the " + describe(s.routedPaths().get(favoured))
                        + " path with a fixed prior logit of +2, an inductive bias learning can overrule");
                yield new Fusion(f.kind(), f.input(), f.temperature(), f.sharpness(), f.floor(), f.learnedFloors(),
                        prior, f.group());
            }
        };
    }

    private static MixerSpec withDecay(MixerSpec s, Decay decay) {
        return MixerSpec.settled(s.memory(), decay, s.featureMap(), s.shortConv(), s.paths(), s.fusion(), s.residual(),
                s.outputGate(), s.heads());
    }

    private static MixerSpec withPaths(MixerSpec s, List<Path> paths) {
        // A new set of paths keeps the fusion's shape but not a prior sized for the old one.
        Fusion f = s.fusion();
        Fusion fusion = f.kind() == FusionKind.NONE ? Fusion.of(FusionKind.SOFTMAX)
                : new Fusion(f.kind(), f.input(), f.temperature(), f.sharpness(), f.floor(), f.learnedFloors(),
                        List.of(), f.group());
        return MixerSpec.settled(s.memory(), s.decay(), s.featureMap(), s.shortConv(), paths, fusion, s.residual(),
                s.outputGate(), s.heads());
    }

    private static MixerSpec withFusion(MixerSpec s, Fusion fusion) {
        return MixerSpec.settled(s.memory(), s.decay(), s.featureMap(), s.shortConv(), s.paths(), fusion, s.residual(),
                s.outputGate(), s.heads());
    }

    private static String memoryReason(Memory from, Memory to) {
        return switch (to) {
            case DELTA -> "uses the delta rule, so each write corrects what the state already returns for that key"
                    + " instead of piling values on top of each other";
            case GATED_DELTA -> "uses the gated delta rule: error-correcting writes plus a decay, so stale"
                    + " associations fade";
            case LINEAR -> "uses plain linear attention" + (from.delta()
                    ? ", an ablation of the error-correcting write: if the loss barely moves, the delta rule is not"
                      + " earning its cost at this scale" : ", the simplest memory, as a control");
            case GATED_LINEAR -> "uses gated linear attention: additive writes that decay, so the state keeps a"
                    + " recent window instead of everything";
            case NONE -> "removes the memory altogether, leaving only FIR filters (a 3-tap one if there was none)"
                    + " and values, to measure what the state contributes";
        };
    }

    private static String fusionReason(FusionKind kind) {
        return switch (kind) {
            case SOFTMAX -> "fuses the paths with a softmax per head and token, so they compete for each output";
            case SIGMOID -> "gives every path its own sigmoid gate instead of a softmax share, so paths can add up"
                    + " rather than compete";
            case TWO_STAGE -> "routes in two stages: first the values against a pool of the other paths, then a"
                    + " softmax inside the pool, so passing a token through is one clear decision";
            case HIERARCHICAL -> "routes hierarchically: a sigmoid splits the first group of paths from the rest and"
                    + " a softmax shares inside each, so local and global paths are weighed as groups";
            case NONE -> "uses a single path";
        };
    }

    private static String describe(Path path) {
        return switch (path.kind()) {
            case MEMORY -> "memory";
            case VALUE -> "identity (values)";
            case FIR -> path.taps() + "-tap FIR";
        };
    }

    private static <T> T pick(List<T> choices, T current, Random random) {
        List<T> others = choices.stream().filter(choice -> !choice.equals(current)).toList();
        return others.get(random.nextInt(others.size()));
    }

    private static String label(FeatureMap map) {
        return map.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
