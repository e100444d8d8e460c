package dev.asiarch.app.web;

import dev.asiarch.app.testing.Slow;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class that reaches the test run's one {@link ServedApplication}, so it belongs to the full tier. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ServedApplication.class)
@Slow("boots the whole embedded stack with the dashboard and runs a cpu-smoke campaign before the first test")
public @interface WithServedApplication {
}
