package dev.asiarch.app.wiring;

import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.config.ServesStoreUsers;
import dev.asiarch.artifacts.ArtifactStore;
import dev.asiarch.artifacts.EmbeddedS3Server;
import dev.asiarch.artifacts.S3Settings;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The experiment store (JDBC) and the artifact store (S3, embedded or remote). */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    /** After Flyway's migrations, also when beans start lazily (report, replay) on a new data folder. */
    @Bean
    @Conditional(ServesStoreUsers.class)
    @DependsOnDatabaseInitialization
    ExperimentStore experimentStore(DataSource dataSource) {
        return new ExperimentStore(dataSource);
    }

    /** Serves {@code <data-dir>/s3} in embedded mode; stopped with the application. */
    @Bean
    @ConditionalOnProperty(name = "asi-arch.s3.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedS3Server embeddedS3(AsiArchProperties properties) {
        AsiArchProperties.S3 s3 = properties.s3();
        return EmbeddedS3Server.start(properties.dataDir().resolve("s3"), s3.embeddedPort(), s3.bucket(),
                "asi-arch.s3.embedded-port", nullToEmpty(s3.accessKey()), nullToEmpty(s3.secretKey()));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Bean
    S3Settings s3Settings(AsiArchProperties properties, ObjectProvider<EmbeddedS3Server> embedded) {
        AsiArchProperties.S3 s3 = properties.s3();
        EmbeddedS3Server server = embedded.getIfAvailable();
        return server != null ? server.settings()
                : new S3Settings(s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.bucket(), s3.region());
    }

    @Bean
    ArtifactStore artifactStore(S3Settings settings) {
        ArtifactStore store = new ArtifactStore(settings);
        store.ensureBucket();
        return store;
    }
}
