package dev.asiarch.app.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/**
 * A bean built only in a process that serves at least one of these queues ({@code asi-arch.workers}:
 * orchestration, llm, gpu), so that a worker is never handed a collaborator its queue does not have.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ServesQueue.class)
public @interface ConditionalOnQueue {

    /** Queue kinds, any of {@link AsiArchProperties#WORKER_KINDS}. */
    String[] value();
}
