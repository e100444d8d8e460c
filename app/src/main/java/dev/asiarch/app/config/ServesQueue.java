package dev.asiarch.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnQueue}: whether {@code asi-arch.workers}, read as the properties
 * bind it, names one of the queues asked for.
 */
final class ServesQueue implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String[] wanted = (String[]) metadata.getAnnotationAttributes(ConditionalOnQueue.class.getName()).get("value");
        List<String> served = served(context.getEnvironment());
        return Arrays.stream(wanted).anyMatch(served::contains);
    }

    /** The queue kinds this process serves; all of them when {@code asi-arch.workers} is not set. */
    static List<String> served(Environment environment) {
        return Binder.get(environment).bind("asi-arch.workers", Bindable.listOf(String.class))
                .map(workers -> workers.stream().map(worker -> worker.strip().toLowerCase(Locale.ROOT)).toList())
                .orElse(AsiArchProperties.WORKER_KINDS);
    }
}
