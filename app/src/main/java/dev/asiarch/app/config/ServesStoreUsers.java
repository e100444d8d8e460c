package dev.asiarch.app.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when this process serves a queue that reads or writes the experiment store (orchestration or
 * llm), which is every process unless {@code asi-arch.workers} names only {@code gpu}. A GPU worker
 * has no database: it reads and writes the object store only.
 */
public final class ServesStoreUsers implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return ServesQueue.served(context.getEnvironment()).stream()
                .anyMatch(worker -> worker.equals("orchestration") || worker.equals("llm"));
    }
}
