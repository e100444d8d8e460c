package dev.asiarch.activities.research;

import dev.asiarch.core.program.ArchitectureSpec;
import dev.asiarch.core.program.FeatureMap;
import dev.asiarch.core.program.Recurrence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The offline researcher's imagination: one or two changes to a parent's components (recurrence,
 * feature map, short convolution, a gated FIR branch, output gate, heads), or a component borrowed
 * from a reference, each with the reason it might help. Never returns a spec already tried.
 */
public final class SpecMutator {

    static final int MAX_ATTEMPTS = 200;

    private SpecMutator() {
    }

    /**
     * A mutation of {@code parent} whose encoding is not in {@code tried}.
     *
     * @throws IllegalStateException if every attempt landed on a spec already tried
     */
    public static Mutation mutate(ArchitectureSpec parent, List<ArchitectureSpec> references, Set<String> tried,
                                  Random random) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            ArchitectureSpec spec = parent;
            List<String> reasons = new ArrayList<>();
            int changes = 1 + random.nextInt(2);
            for (int i = 0; i < changes; i++) {
                spec = change(spec, references, random, reasons);
            }
            if (!spec.equals(parent) && !tried.contains(spec.encode())) {
                return new Mutation(spec, List.copyOf(reasons));
            }
        }
        throw new IllegalStateException("no untried mutation of " + parent.encode() + " after " + MAX_ATTEMPTS
                + " attempts; the neighbourhood of this parent is exhausted");
    }

    private static ArchitectureSpec change(ArchitectureSpec s, List<ArchitectureSpec> references, Random random,
                                           List<String> reasons) {
        int kind = random.nextInt(references.isEmpty() ? 6 : 7);
        switch (kind) {
            case 0 -> {
                Recurrence other = s.recurrence() == Recurrence.DELTA ? Recurrence.LINEAR : Recurrence.DELTA;
                reasons.add(other == Recurrence.LINEAR
                        ? "replaces the delta rule with plain linear attention, an ablation of the error-correcting"
                          + " write: if the loss barely moves, the delta rule is not earning its cost at this scale"
                        : "restores the delta rule, so each write corrects what the state already returns for"
                          + " that key instead of piling values on top of each other");
                return new ArchitectureSpec(other, s.featureMap(), s.shortConv(), s.firTaps(), s.outputGate(),
                        s.heads());
            }
            case 1 -> {
                FeatureMap map = pick(List.of(FeatureMap.values()), s.featureMap(), random);
                reasons.add("switches the query/key feature map from " + label(s.featureMap()) + " to " + label(map)
                        + ", changing which directions survive the L2 normalisation and how sharply keys separate");
                return new ArchitectureSpec(s.recurrence(), map, s.shortConv(), s.firTaps(), s.outputGate(),
                        s.heads());
            }
            case 2 -> {
                int taps = pick(ArchitectureSpec.SHORT_CONV_CHOICES, s.shortConv(), random);
                reasons.add(taps == 0
                        ? "removes the short convolutions on q, k and v to measure what they contribute"
                        : "uses " + taps + "-tap short causal convolutions on q, k and v (was "
                          + (s.shortConv() == 0 ? "none" : s.shortConv()) + "), so each key already mixes"
                          + " its neighbours before it is written");
                return new ArchitectureSpec(s.recurrence(), s.featureMap(), taps, s.firTaps(), s.outputGate(),
                        s.heads());
            }
            case 3 -> {
                int taps = pick(ArchitectureSpec.FIR_CHOICES, s.firTaps(), random);
                reasons.add(taps == 0
                        ? "drops the FIR branch to test whether the memory path alone carries the result"
                        : s.firTaps() == 0
                          ? "adds a " + taps + "-tap causal FIR branch over the values, fused with the memory by a"
                            + " per-head sigmoid gate: local patterns get a direct path, so the state can spend"
                            + " its capacity on long-range associations"
                          : "changes the FIR branch from " + s.firTaps() + " to " + taps
                            + " taps to probe how much local context the gate wants");
                return new ArchitectureSpec(s.recurrence(), s.featureMap(), s.shortConv(), taps, s.outputGate(),
                        s.heads());
            }
            case 4 -> {
                reasons.add(s.outputGate()
                        ? "removes the output gate to see whether the readout needs it"
                        : "adds a SiLU output gate from the hidden state, so each channel can suppress the memory"
                          + " readout where it does not help");
                return new ArchitectureSpec(s.recurrence(), s.featureMap(), s.shortConv(), s.firTaps(),
                        !s.outputGate(), s.heads());
            }
            case 5 -> {
                int heads = pick(ArchitectureSpec.HEAD_CHOICES, s.heads(), random);
                reasons.add("uses " + heads + " heads instead of " + s.heads() + (heads > s.heads()
                        ? ": more, smaller states that can specialise"
                        : ": fewer, larger states with more room per key"));
                return new ArchitectureSpec(s.recurrence(), s.featureMap(), s.shortConv(), s.firTaps(),
                        s.outputGate(), heads);
            }
            default -> {
                ArchitectureSpec donor = references.get(random.nextInt(references.size()));
                reasons.add("borrows the FIR branch and output gate of reference " + donor.displayName()
                        + ", combining what worked there with this parent's memory");
                return new ArchitectureSpec(s.recurrence(), s.featureMap(), s.shortConv(), donor.firTaps(),
                        donor.outputGate(), s.heads());
            }
        }
    }

    private static <T> T pick(List<T> choices, T current, Random random) {
        List<T> others = choices.stream().filter(choice -> !choice.equals(current)).toList();
        return others.get(random.nextInt(others.size()));
    }

    private static String label(FeatureMap map) {
        return map.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
