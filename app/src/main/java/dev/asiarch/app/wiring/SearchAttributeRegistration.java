package dev.asiarch.app.wiring;

import dev.asiarch.workflows.ExperimentSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Registers the experiment search attributes with the Temporal service at start-up, or finds them
 * there already. When the service refuses (no operator rights, an older server), campaigns run
 * without them and {@link #reason()} says why; nothing else changes.
 */
public final class SearchAttributeRegistration {

    private final boolean enabled;
    private final String reason;

    private SearchAttributeRegistration(boolean enabled, String reason) {
        this.enabled = enabled;
        this.reason = reason;
    }

    static SearchAttributeRegistration register(String target, String namespace) {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setTarget(target).validateAndBuildWithDefaults());
        try {
            try {
                add(operator, namespace, ExperimentSearchAttributes.DEFINITIONS);
                return new SearchAttributeRegistration(true, "registered");
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
                    throw e;
                }
            }
            // Some exist already: add the others, where the server can list them (the embedded one cannot).
            Map<String, IndexedValueType> missing;
            try {
                missing = missing(operator, namespace);
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                    return new SearchAttributeRegistration(true, "already registered");
                }
                throw e;
            }
            if (!missing.isEmpty()) {
                add(operator, namespace, missing);
            }
            missing = missing(operator, namespace);
            return missing.isEmpty() ? new SearchAttributeRegistration(true, "registered")
                    : new SearchAttributeRegistration(false, "the server does not keep "
                    + String.join(", ", missing.keySet()) + " with the right types");
        } catch (StatusRuntimeException e) {
            return new SearchAttributeRegistration(false, "the server refused to register them: "
                    + e.getStatus().getCode() + " " + e.getStatus().getDescription());
        } finally {
            operator.shutdownNow();
        }
    }

    private static void add(OperatorServiceStubs operator, String namespace, Map<String, IndexedValueType> attributes) {
        operator.blockingStub().addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                .setNamespace(namespace).putAllSearchAttributes(attributes).build());
    }

    /** The definitions the namespace lacks, or has with another type. */
    private static Map<String, IndexedValueType> missing(OperatorServiceStubs operator, String namespace) {
        Map<String, IndexedValueType> known = operator.blockingStub().listSearchAttributes(
                ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build()).getCustomAttributesMap();
        return ExperimentSearchAttributes.DEFINITIONS.entrySet().stream()
                .filter(definition -> known.get(definition.getKey()) != definition.getValue())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public boolean enabled() {
        return enabled;
    }

    public String reason() {
        return reason;
    }
}
