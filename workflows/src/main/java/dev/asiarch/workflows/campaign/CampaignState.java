package dev.asiarch.workflows.campaign;

import dev.asiarch.core.pool.PoolEntry;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Everything a campaign carries from one workflow run to the next when it continues as new: the
 * baseline's numbers, the pool and the batch waiting to join it, counters, money and hours spent, and
 * the team's steering. A fresh campaign starts from {@link #start()}.
 *
 * @param nextIndex    the index of the next experiment to start (the baseline is 0)
 * @param baselineLoss the baseline's validation loss, once it trained
 * @param pool         the ranked pool as of the last refresh
 * @param admitted     candidates that passed the filter since the last refresh
 * @param runs         how many workflow runs came before this one
 */
public record CampaignState(int nextIndex, OptionalDouble baselineLoss, OptionalDouble baselineBenchmark,
                            List<PoolEntry> pool, List<PoolEntry> admitted, int trained, int failed,
                            double spentUsd, double gpuSeconds, Steering steering, int runs) {

    public CampaignState {
        baselineLoss = baselineLoss == null ? OptionalDouble.empty() : baselineLoss;
        baselineBenchmark = baselineBenchmark == null ? OptionalDouble.empty() : baselineBenchmark;
        pool = pool == null ? List.of() : List.copyOf(pool);
        admitted = admitted == null ? List.of() : List.copyOf(admitted);
        steering = steering == null ? Steering.none() : steering;
    }

    public static CampaignState start() {
        return new CampaignState(0, OptionalDouble.empty(), OptionalDouble.empty(), List.of(), List.of(), 0, 0, 0, 0,
                Steering.none(), 0);
    }
}
