package dev.asiarch.app;

import dev.asiarch.app.config.AsiArchProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Spring Boot application: wiring of Temporal, the store, the object store and the workers. */
@SpringBootApplication
@EnableConfigurationProperties(AsiArchProperties.class)
public class AsiArchApplication {
}
