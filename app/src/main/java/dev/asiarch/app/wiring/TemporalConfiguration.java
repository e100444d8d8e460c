package dev.asiarch.app.wiring;

import dev.asiarch.app.config.AsiArchProperties;
import dev.asiarch.app.config.ServesStoreUsers;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal: the embedded server or a remote one, the client, and the factory that runs the workers of the
 * queues this process serves ({@link WorkerConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

    @Bean
    @ConditionalOnProperty(name = "asi-arch.temporal.mode", havingValue = "embedded", matchIfMissing = true)
    EmbeddedTemporalServer embeddedTemporal(AsiArchProperties properties) {
        return new EmbeddedTemporalServer(properties.temporal().embeddedPort());
    }

    @Bean(destroyMethod = "shutdown")
    WorkflowServiceStubs workflowServiceStubs(AsiArchProperties properties,
                                              ObjectProvider<EmbeddedTemporalServer> embedded) {
        EmbeddedTemporalServer server = embedded.getIfAvailable();
        String target = server != null ? server.target() : properties.temporal().target();
        return WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    }

    /** Only a process that starts campaigns needs them. */
    @Bean
    @Conditional(ServesStoreUsers.class)
    SearchAttributeRegistration searchAttributes(AsiArchProperties properties,
                                                 ObjectProvider<EmbeddedTemporalServer> embedded) {
        EmbeddedTemporalServer server = embedded.getIfAvailable();
        return SearchAttributeRegistration.register(server != null ? server.target() : properties.temporal().target(),
                properties.temporal().namespace());
    }

    @Bean
    WorkflowClient workflowClient(WorkflowServiceStubs stubs, AsiArchProperties properties) {
        return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(properties.temporal().namespace())
                .build());
    }

    @Bean(destroyMethod = "shutdown")
    WorkerFactory workerFactory(WorkflowClient client, ObjectProvider<QueueWorker> queues) {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        queues.orderedStream().forEach(queue -> queue.addTo(factory));
        factory.start();
        return factory;
    }
}
