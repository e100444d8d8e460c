package dev.asiarch.gpu.train;

import ai.djl.training.tracker.Tracker;

/** Linear warm-up to the peak learning rate, then cosine decay to a tenth of it. */
final class WarmupCosine implements Tracker {

    private final float peak;
    private final int warmup;
    private final int total;

    WarmupCosine(double peak, int warmup, int total) {
        this.peak = (float) peak;
        this.warmup = warmup;
        this.total = total;
    }

    @Override
    public float getNewValue(int update) {
        if (update < warmup) {
            return peak * (update + 1) / warmup;
        }
        double progress = Math.min(1.0, (update - warmup) / (double) Math.max(1, total - warmup));
        return (float) (peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }
}
