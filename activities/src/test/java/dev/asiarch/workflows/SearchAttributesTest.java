package dev.asiarch.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.workflows.campaign.CampaignInput;
import dev.asiarch.workflows.campaign.CampaignSpec;
import dev.asiarch.workflows.campaign.CampaignState;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Experiment workflows carry their campaign, status and fitness as search attributes when asked to. */
class SearchAttributesTest {

    @RegisterExtension
    final FakeStack stack = new FakeStack();

    @BeforeEach
    void registerSearchAttributes() {
        ExperimentSearchAttributes.DEFINITIONS.forEach(stack.environment::registerSearchAttribute);
    }

    private Map<String, Payload> attributes(String workflowId) {
        return stack.environment.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
                        DescribeWorkflowExecutionRequest.newBuilder().setNamespace("default")
                                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)).build())
                .getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap();
    }

    private static <T> T value(Map<String, Payload> attributes, String name, Class<T> type) {
        return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(attributes.get(name), type, type);
    }

    @Test
    void experimentsCarryCampaignStatusAndFitness() {
        stack.fakes.losses.put("Cand001", 1.9);
        stack.fakes.nonCausal.add("Cand002");

        stack.campaign("sa").run(CampaignInput.of(CampaignSpec.of("sa", 2, "cpu-smoke", 7).withSearchAttributes(true)),
                CampaignState.start());

        Map<String, Payload> trained = attributes("sa-e001");
        assertThat(value(trained, "AsiArchCampaign", String.class)).isEqualTo("sa");
        assertThat(value(trained, "AsiArchStatus", String.class)).isEqualTo("TRAINED");
        assertThat(value(trained, "AsiArchFitness", Double.class))
                .isEqualTo(stack.fakes.records.get("sa-e001").fitness().getAsDouble());
        Map<String, Payload> failed = attributes("sa-e002");
        assertThat(value(failed, "AsiArchStatus", String.class)).isEqualTo("FAILED");
        assertThat(failed).doesNotContainKey("AsiArchFitness");
    }

    @Test
    void withoutThemNoneAreSet() {
        stack.campaign("plain").run(CampaignInput.of(CampaignSpec.of("plain", 1, "cpu-smoke", 7)),
                CampaignState.start());

        assertThat(attributes("plain-e001")).doesNotContainKeys("AsiArchCampaign", "AsiArchStatus");
    }
}
