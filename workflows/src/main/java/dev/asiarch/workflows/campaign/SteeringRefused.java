package dev.asiarch.workflows.campaign;

/**
 * A steering update the campaign refuses, and why: thrown where the campaign decides, and by
 * {@code Campaigns} where a client receives it. Temporal hands the reason to the client as a failure whose
 * type is {@link CampaignWorkflow#STEERING_REFUSED}, this class's name.
 *
 * <p>A validator throws this class rather than an {@code ApplicationFailure}: Temporal's Java SDK 1.38
 * serialises a validator's {@code ApplicationFailure} twice and loses its type, while any other exception
 * goes to the client with its class name as the type (sdk-java issue 2875).
 */
public final class SteeringRefused extends RuntimeException {

    public SteeringRefused(String reason) {
        super(reason);
    }
}
