package dev.asiarch.gpu.train;

/** Warm-up, stable, decay: linear warm-up to the peak, flat, then linear decay to a tenth over the last steps. */
record WarmupStableDecay(double peak, int warmup, int decay, int total) {

    static final double FLOOR = 0.1;

    float at(int step) {
        if (step < warmup) {
            return (float) (peak * (step + 1) / warmup);
        }
        int decayStart = total - decay;
        if (step < decayStart || decay == 0) {
            return (float) peak;
        }
        double progress = (step - decayStart + 1) / (double) decay;
        return (float) (peak * (1 - (1 - FLOOR) * progress));
    }
}
