package dev.asiarch.core.pool;

import java.util.List;

/** The parent an experiment evolves from and the references it may borrow from. */
public record PoolSample(PoolEntry parent, List<PoolEntry> references) {
}
