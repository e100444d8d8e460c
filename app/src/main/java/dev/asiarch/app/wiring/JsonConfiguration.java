package dev.asiarch.app.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.workflows.Json;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's {@code ObjectMapper} (the REST API's bodies, {@code --json} output) is the project's
 * one configuration, {@link Json}; Spring Boot's own mapper steps aside for it.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    ObjectMapper objectMapper() {
        return Json.newMapper();
    }
}
