package dev.asiarch.app.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test of the full tier only: it boots the application or an embedded campaign, trains, starts a
 * child JVM or drives a browser. {@code ./mvnw -Pfast test} leaves it out; {@code ./mvnw verify} runs it.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Tag("slow")
public @interface Slow {

    /** Why it is slow, for whoever wonders why the fast tier skips it. */
    String value();
}
