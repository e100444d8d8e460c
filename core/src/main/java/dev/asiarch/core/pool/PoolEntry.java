package dev.asiarch.core.pool;

/** One trained experiment as the candidate pool sees it. */
public record PoolEntry(String experimentId, String name, double fitness) {
}
