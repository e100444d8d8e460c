package dev.asiarch.activities.research;

import dev.asiarch.core.program.ArchitectureSpec;
import java.util.List;

/** A spec derived from a parent, with one sentence of motivation per change made. */
public record Mutation(ArchitectureSpec spec, List<String> reasons) {
}
