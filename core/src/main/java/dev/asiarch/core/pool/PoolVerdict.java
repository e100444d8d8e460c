package dev.asiarch.core.pool;

import java.util.Optional;

/**
 * The candidate filter's decision on one trained candidate, and the sentence a person reads for it.
 *
 * @param exclusion what keeps it out of the pool; empty when the filter admits it
 * @param reason    why it is kept out, or that it lies within the filter's bands
 */
public record PoolVerdict(Optional<Exclusion> exclusion, String reason) {

    /** What keeps a trained candidate out of the pool. */
    public enum Exclusion {
        /** A validation loss more than 10% below the baseline's: a gain too large to be a better design. */
        SUSPECTED_LEAK,
        /** A validation loss more than 10% above the baseline's. */
        LOSS_WORSE,
        /** A mean benchmark accuracy more than 10% below the baseline's. */
        BENCHMARK_WORSE,
        /** No finite validation loss to compare with the baseline's. */
        LOSS_NOT_FINITE
    }

    public boolean admitted() {
        return exclusion.isEmpty();
    }

    public boolean suspectedLeak() {
        return exclusion.filter(e -> e == Exclusion.SUSPECTED_LEAK).isPresent();
    }
}
