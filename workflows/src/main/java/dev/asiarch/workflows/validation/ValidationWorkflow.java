package dev.asiarch.workflows.validation;

import dev.asiarch.core.validation.ValidationResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Promotes candidates: each, and the baseline, screened on a larger profile with several seeds; a
 * candidate beats the baseline only when the difference is significant across seeds. Results are
 * recorded and shown on the leaderboard.
 */
@WorkflowInterface
public interface ValidationWorkflow {

    @WorkflowMethod
    List<ValidationResult> run(ValidationRequest request);
}
