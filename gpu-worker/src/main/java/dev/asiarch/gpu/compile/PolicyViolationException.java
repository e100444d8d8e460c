package dev.asiarch.gpu.compile;

import dev.asiarch.gpu.policy.PolicyViolation;
import dev.asiarch.gpu.policy.SourcePolicy;
import java.util.List;

/** The candidate source compiles but uses what the allow-list refuses; nothing was generated. */
public final class PolicyViolationException extends Exception {

    private final List<PolicyViolation> violations;

    public PolicyViolationException(List<PolicyViolation> violations) {
        super(SourcePolicy.describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
