package dev.asiarch.app.campaign;

import dev.asiarch.app.config.ServesStoreUsers;
import dev.asiarch.workflows.TaskQueues;
import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignProgress;
import dev.asiarch.workflows.campaign.CampaignState;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import dev.asiarch.workflows.campaign.SteeringRefused;
import dev.asiarch.workflows.experiment.ExperimentProgress;
import dev.asiarch.workflows.experiment.ExperimentStep;
import dev.asiarch.workflows.experiment.ExperimentWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.WorkerFactory;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * Campaign workflows on this process's Temporal service: starting one, asking a running one how it
 * goes, and steering it. What finished campaigns left behind is read from the store instead.
 */
@Component
@Conditional(ServesStoreUsers.class)
public class Campaigns {

    /** Steering actions by name, as the REST API and the command line spell them. */
    public static final List<String> ACTIONS = List.of("pause", "resume", "stop", "pin", "unpin", "ban", "inject");

    private final WorkflowClient client;

    /** Taking the worker factory makes sure workers run before a campaign is started. */
    public Campaigns(WorkflowClient client, WorkerFactory workers) {
        this.client = client;
    }

    public static String newCampaignId() {
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        return "c-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + HexFormat.of().formatHex(random);
    }

    /** Starts the campaign's workflow (its id is the campaign's) and returns without waiting. */
    public CampaignWorkflow start(CampaignSpec spec) {
        CampaignWorkflow campaign = client.newWorkflowStub(CampaignWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(spec.campaignId())
                .setTaskQueue(TaskQueues.ORCHESTRATION)
                .build());
        WorkflowClient.start(campaign::run, CampaignInput.of(spec), CampaignState.start());
        return campaign;
    }

    /** Whether a workflow for this campaign is running on this Temporal service. */
    public boolean running(String campaignId) {
        try {
            return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                            DescribeWorkflowExecutionRequest.newBuilder()
                                    .setNamespace(client.getOptions().getNamespace())
                                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(campaignId))
                                    .build())
                    .getWorkflowExecutionInfo().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (StatusRuntimeException e) {
            // Not found, or an id Temporal would never have given a workflow (too long, say).
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND
                    || e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The progress of a campaign that {@link #running runs} here; empty when it has not answered its first
     * query yet.
     */
    public Optional<CampaignProgress> progress(String campaignId) {
        try {
            return Optional.of(client.newWorkflowStub(CampaignWorkflow.class, campaignId).progress());
        } catch (RuntimeException notReadyYet) {
            return Optional.empty();
        }
    }

    /** An experiment in flight, the step it is at, and that step in words. */
    public record InFlight(String experimentId, String name, ExperimentStep step, String doing) {
    }

    /** What each experiment in flight is doing; one that has not run its first task yet is left out. */
    public List<InFlight> inFlight(CampaignProgress progress) {
        List<InFlight> steps = new ArrayList<>();
        for (String experimentId : progress.running()) {
            try {
                ExperimentProgress step = client.newWorkflowStub(ExperimentWorkflow.class, experimentId).progress();
                steps.add(new InFlight(experimentId, step.name(), step.step(), describe(step.step())));
            } catch (RuntimeException notStartedYet) {
                // Its workflow has not run its first task, so it cannot answer yet.
            }
        }
        return steps;
    }

    /** A step as a person would say it. */
    private static String describe(ExperimentStep step) {
        return switch (step) {
            case PROPOSE -> "proposing";
            case NOVELTY -> "checking that the idea is new";
            case IMPLEMENT -> "compiling and checking in a child JVM";
            case REPAIR -> "the Engineer is repairing it from the diagnostic";
            case SCREEN -> "training and benchmarking in a child JVM";
            case JUDGE -> "the Judge is grading it";
            case ANALYSE -> "the Analyst is explaining it";
            case RECORD -> "recording";
            case DONE -> "done";
        };
    }

    /**
     * Steers a running campaign. Pause, resume and stop are signals: sent, and applied when the campaign
     * next acts. Pin, unpin, ban and inject are updates: the campaign applies one before this returns and
     * answers with what it did, or refuses it. {@code argument} is the experiment for pin and ban, the idea
     * for inject, and ignored otherwise.
     *
     * @return the campaign's answer to an update; empty for a signal
     * @throws IllegalArgumentException for an unknown action or a missing argument
     * @throws IllegalStateException    when no workflow of that campaign runs here
     * @throws SteeringRefused          when the campaign refuses the update; its message is the reason
     */
    public Optional<String> steer(String campaignId, String action, Optional<String> argument) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("'" + action + "' is not a steering action; known: "
                    + String.join(", ", ACTIONS));
        }
        if (List.of("pin", "ban", "inject").contains(action) && argument.filter(a -> !a.isBlank()).isEmpty()) {
            throw new IllegalArgumentException(action + " needs " + (action.equals("inject") ? "an idea" : "an experiment id"));
        }
        if (!running(campaignId)) {
            throw new IllegalStateException("campaign " + campaignId + " is not running on this server, so it cannot be "
                    + "steered");
        }
        CampaignWorkflow campaign = client.newWorkflowStub(CampaignWorkflow.class, campaignId);
        try {
            return switch (action) {
                case "pause" -> signalled(campaign::pause);
                case "resume" -> signalled(campaign::resume);
                case "stop" -> signalled(campaign::stop);
                case "pin" -> Optional.of(campaign.pinParent(argument.orElseThrow().strip()));
                case "unpin" -> Optional.of(campaign.unpinParent());
                case "ban" -> Optional.of(campaign.banExperiment(argument.orElseThrow().strip()));
                default -> Optional.of(campaign.injectIdea(argument.orElseThrow().strip()));
            };
        } catch (WorkflowUpdateException failed) {
            if (failed.getCause() instanceof ApplicationFailure refusal
                    && refusal.getType().equals(CampaignWorkflow.STEERING_REFUSED)) {
                throw new SteeringRefused(refusal.getOriginalMessage());
            }
            // Not the campaign's answer: the update failed on the way, e.g. the campaign ended while it waited.
            throw new IllegalStateException("campaign " + campaignId + " could not take the " + action + ": "
                    + (failed.getCause() == null ? failed.getMessage() : failed.getCause().getMessage()), failed);
        } catch (WorkflowNotFoundException endedMeanwhile) {
            throw new IllegalStateException("campaign " + campaignId + " ended before the " + action
                    + " arrived, so it cannot be steered");
        }
    }

    private static Optional<String> signalled(Runnable signal) {
        signal.run();
        return Optional.empty();
    }
}
