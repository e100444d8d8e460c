package dev.asiarch.gpu.checks;

import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.workflows.activities.CheckReport;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Output t may depend on inputs 0..t only, checked three ways. Forward: each sequence of a batch gets
 * its own position t and its inputs after t redrawn; its outputs 0..t must not move. Input gradient:
 * the gradient of a random projection of outputs 0..t must vanish on every input after t. Parameter
 * gradient: that same gradient with respect to the weights must not move when inputs after t change;
 * a path from the future that a stop-gradient hides from the input gradient still moves it.
 */
final class CausalityCheck {

    private final List<Integer> cuts;
    private int next;

    private CausalityCheck(List<Integer> cuts) {
        this.cuts = cuts;
    }

    /** The checks of one length, drawing positions from that length's list in turn. */
    static CausalityCheck at(int time, long seed) {
        return new CausalityCheck(CheckConditions.cuts(time, seed));
    }

    private int[] nextCuts(int rows) {
        int[] chosen = new int[rows];
        for (int row = 0; row < rows; row++) {
            chosen[row] = cuts.get(next++ % cuts.size());
        }
        return chosen;
    }

    Optional<CheckReport.Failed> forward(Probe probe, int batch, int time, int dim, String weights, Random random) {
        Probe.Values x = Inputs.normal(random, batch, time, dim);
        Probe.Values reference = InterfaceCheck.mixed(probe, x, weights);
        double median = Drift.medianMagnitude(reference.data());
        int[] cut = nextCuts(batch);
        Probe.Values changed = x.copy();
        for (int row = 0; row < batch; row++) {
            Inputs.redrawAfter(changed, row, cut[row], random);
        }
        Probe.Values out = InterfaceCheck.mixed(probe, changed, weights);
        int rowSize = time * dim;
        for (int row = 0; row < batch; row++) {
            Optional<Drift.Beyond> beyond = Drift.first(reference.data(), out.data(), row * rowSize,
                    row * rowSize + (cut[row] + 1) * dim, median);
            if (beyond.isPresent()) {
                int position = (beyond.get().index() - row * rowSize) / dim;
                return Optional.of(CheckReport.fail(FailureReason.NON_CAUSAL, String.format(Locale.ROOT,
                        "output at position %d changed from %.6g to %.6g when only tokens after position %d were "
                                + "changed (sequence %d of a batch of %d, length %d, %s): the mixer reads future "
                                + "tokens; mask or scan so that output t uses inputs 0..t only", position,
                        beyond.get().reference(), beyond.get().other(), cut[row], row, batch, time, weights)));
            }
        }
        return Optional.empty();
    }

    Optional<CheckReport.Failed> gradient(Probe probe, int batch, int time, int dim, String weights, Random random) {
        Probe.Values x = Inputs.normal(random, batch, time, dim);
        int[] cut = nextCuts(batch);
        Probe.Values cotangent = Inputs.normal(random, batch, time, dim);
        for (int row = 0; row < batch; row++) {
            for (int i = (row * time + cut[row] + 1) * dim; i < (row + 1) * time * dim; i++) {
                cotangent.data()[i] = 0f;
            }
        }
        Probe.Gradients reference = probe.gradients(x, cotangent);
        float[] g = reference.input().data();
        Optional<CheckReport.Failed> infinite = nonFinite(probe, reference, batch, time, weights);
        if (infinite.isPresent()) {
            return infinite;
        }
        for (int row = 0; row < batch; row++) {
            int start = row * time * dim;
            int boundary = start + (cut[row] + 1) * dim;
            double reach = Math.max(Drift.medianMagnitude(g, start, boundary),
                    Drift.medianMagnitude(g, 0, g.length));
            for (int i = boundary; i < start + time * dim; i++) {
                if (!(Math.abs(g[i]) <= 1e-5 * reach + 1e-30)) {
                    int position = (i - start) / dim;
                    return Optional.of(CheckReport.fail(FailureReason.NON_CAUSAL, String.format(Locale.ROOT,
                            "the gradient of outputs 0..%d reaches input %d (magnitude %.3g against a typical %.3g; "
                                    + "sequence %d of a batch of %d, length %d, %s): the output depends on a later "
                                    + "token, perhaps through a normalisation or pooling over the whole sequence",
                            cut[row], position, Math.abs(g[i]), reach, row, batch, time, weights)));
                }
            }
        }

        Probe.Values changed = x.copy();
        for (int row = 0; row < batch; row++) {
            Inputs.redrawAfter(changed, row, cut[row], random);
        }
        Probe.Gradients moved = probe.gradients(changed, cotangent);
        infinite = nonFinite(probe, moved, batch, time, weights);
        if (infinite.isPresent()) {
            return infinite;
        }
        List<String> names = probe.parameterNames();
        for (int p = 0; p < names.size(); p++) {
            float[] before = reference.parameters().get(p);
            float[] after = moved.parameters().get(p);
            Optional<Drift.Beyond> beyond = Drift.first(before, after, 0, before.length,
                    Drift.medianMagnitude(before));
            if (beyond.isPresent()) {
                return Optional.of(CheckReport.fail(FailureReason.NON_CAUSAL, String.format(Locale.ROOT,
                        "the gradient of parameter '%s' from outputs up to positions %s changed from %.6g to %.6g "
                                + "when only later tokens changed (batch %d, length %d, %s): an output depends on "
                                + "future tokens through a path the input gradient does not show (a stopGradient or "
                                + "detach hides it from the gradient, not from training)", names.get(p),
                        java.util.Arrays.toString(cut), beyond.get().reference(), beyond.get().other(), batch, time,
                        weights)));
            }
        }
        return Optional.empty();
    }

    private static Optional<CheckReport.Failed> nonFinite(Probe probe, Probe.Gradients gradients, int batch, int time,
                                                   String weights) {
        String where = "(batch " + batch + ", length " + time + ", " + weights + ")";
        if (!Probe.isFinite(gradients.input().data())) {
            return Optional.of(CheckReport.fail(FailureReason.NON_FINITE, "the gradient with respect to the input is "
                    + "NaN or infinite " + where + "; guard divisions, logarithms and square roots with an epsilon"));
        }
        List<String> names = probe.parameterNames();
        for (int p = 0; p < names.size(); p++) {
            if (!Probe.isFinite(gradients.parameters().get(p))) {
                return Optional.of(CheckReport.fail(FailureReason.NON_FINITE, "the gradient of parameter '"
                        + names.get(p) + "' is NaN or infinite " + where
                        + "; guard divisions, logarithms and square roots with an epsilon"));
            }
        }
        return Optional.empty();
    }
}
