package dev.asiarch.core.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The top-N candidates ranked by fitness, sampled as ASI-Arch does: the parent uniformly from ranks
 * 1-10, references from ranks 11-50. Immutable; ordering ties break on the experiment id so that
 * workflow code that samples it stays deterministic.
 */
public final class CandidatePool {

    public static final int DEFAULT_CAPACITY = 50;
    public static final int PARENT_BAND = 10;
    public static final int REFERENCES = 4;

    private static final Comparator<PoolEntry> RANKING = Comparator
            .comparingDouble(PoolEntry::fitness).reversed()
            .thenComparing(PoolEntry::experimentId);

    private final int capacity;
    private final List<PoolEntry> ranked;

    private CandidatePool(int capacity, List<PoolEntry> ranked) {
        this.capacity = capacity;
        this.ranked = ranked;
    }

    /** A pool of the given capacity holding the best of {@code entries}. */
    public static CandidatePool of(int capacity, Collection<PoolEntry> entries) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pool capacity must be at least 1, was " + capacity);
        }
        return new CandidatePool(capacity, rank(capacity, entries));
    }

    /** This pool with {@code entries} merged in (a newer entry replaces an older one of the same id). */
    public CandidatePool admit(Collection<PoolEntry> entries) {
        Map<String, PoolEntry> byId = new LinkedHashMap<>();
        ranked.forEach(entry -> byId.put(entry.experimentId(), entry));
        entries.forEach(entry -> byId.put(entry.experimentId(), entry));
        return new CandidatePool(capacity, rank(capacity, byId.values()));
    }

    /** Entries best first. */
    public List<PoolEntry> ranked() {
        return ranked;
    }

    public int size() {
        return ranked.size();
    }

    /**
     * A parent drawn uniformly from the top band and up to {@link #REFERENCES} distinct references
     * from the ranks below it. While the pool is smaller than the parent band, references come from
     * the other members of the band, so a young campaign still gives its researcher some context.
     */
    public PoolSample sample(Random random) {
        return sample(random, Optional.empty());
    }

    /**
     * As {@link #sample(Random)}, but with {@code pinned} as the parent when it is a member (the team
     * pinned it); the draws are the same either way, so pinning changes only the parent.
     */
    public PoolSample sample(Random random, Optional<String> pinned) {
        if (ranked.isEmpty()) {
            throw new IllegalStateException("cannot sample an empty candidate pool");
        }
        int band = Math.min(PARENT_BAND, ranked.size());
        PoolEntry drawn = ranked.get(random.nextInt(band));
        PoolEntry parent = pinned.flatMap(id -> ranked.stream().filter(entry -> entry.experimentId().equals(id))
                .findFirst()).orElse(drawn);
        List<PoolEntry> candidates = new ArrayList<>(ranked.size() > PARENT_BAND
                ? ranked.subList(PARENT_BAND, ranked.size())
                : ranked);
        candidates.remove(parent);
        List<PoolEntry> references = new ArrayList<>();
        while (references.size() < REFERENCES && !candidates.isEmpty()) {
            references.add(candidates.remove(random.nextInt(candidates.size())));
        }
        return new PoolSample(parent, List.copyOf(references));
    }

    private static List<PoolEntry> rank(int capacity, Collection<PoolEntry> entries) {
        return entries.stream().sorted(RANKING).limit(capacity).toList();
    }
}
