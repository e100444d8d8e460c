package dev.asiarch.app;

import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.web.WebProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Spring Boot application: wiring of Temporal, the store, the object store, the workers and the web server. */
@SpringBootApplication
@EnableConfigurationProperties({AsiArchProperties.class, WebProperties.class})
public class AsiArchApplication {

    /** The application as the command line starts it: no web server, no banner, no start-up log lines. */
    public static SpringApplicationBuilder commandLine() {
        return new SpringApplicationBuilder(AsiArchApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false);
    }

    /**
     * The application for commands that only read records (report, replay): beans start when first asked
     * for, so no Temporal server, worker or web server starts.
     */
    public static SpringApplicationBuilder readingRecords() {
        return commandLine().lazyInitialization(true);
    }

    /** The application with its web server: the dashboard and the REST API. */
    public static SpringApplicationBuilder withDashboard() {
        return commandLine().web(WebApplicationType.SERVLET);
    }
}
