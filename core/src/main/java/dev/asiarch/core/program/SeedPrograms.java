package dev.asiarch.core.program;

/**
 * The programs a campaign can start from. Each is a point of the offline Researcher's space, generated
 * like any offline proposal, so the seed and its descendants are written the same way; the gallery
 * keeps the hand-written DeltaNet it must match.
 */
public final class SeedPrograms {

    public static final String DELTA_NET = "DeltaNet";

    static final String DELTA_NET_SUMMARY = "the seed and baseline. A delta-rule memory per head: each write"
            + " corrects what the state already returns for its key, S_t = S_{t-1} + beta_t k_t (v_t - S_{t-1}^T k_t)^T,"
            + " with SiLU, L2-normalised queries and keys after 4-tap short causal convolutions, a per-head write"
            + " strength beta from the hidden state, the chunked form (chunk 32) for linear cost, and a per-head"
            + " RMSNorm before the output projection.";

    private SeedPrograms() {
    }

    /** The source of the seed program called {@code name}. */
    public static String source(String name) {
        if (!DELTA_NET.equals(name)) {
            throw new IllegalArgumentException("no seed program called '" + name + "'; known: " + DELTA_NET);
        }
        return MixerSourceGenerator.generate(MixerSpec.deltaNet(), DELTA_NET, DELTA_NET_SUMMARY);
    }
}
