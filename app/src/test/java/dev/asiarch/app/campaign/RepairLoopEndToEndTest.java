package dev.asiarch.app.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asiarch.activities.engineer.LlmEngineer;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.app.testing.Slow;
import dev.asiarch.artifacts.ArtifactKey;
import dev.asiarch.core.experiment.ExperimentRecord;
import dev.asiarch.core.experiment.ExperimentStatus;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.ImplementationAttempt;
import dev.asiarch.kernels.programs.Gallery;
import dev.asiarch.gpu.testing.Candidates;
import dev.asiarch.workflows.campaign.CampaignSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repair loop end to end: the researcher hands in a mixer that reads the next token, the checks
 * reject it, the Engineer (a local server speaking the OpenAI API) answers with a causal source, and
 * that source is checked and trained. The record keeps both attempts and the diagnostic that was sent.
 */
@Slow("runs a campaign with the real activities, checking and training in child JVMs")
class RepairLoopEndToEndTest {

    @TempDir
    Path data;

    @Test
    void aCandidateThatFailsItsChecksIsRepairedByTheEngineerAndTrained() throws Exception {
        String repaired = Gallery.source("LinearAttention");
        try (OpenAiTestServer llm = new OpenAiTestServer()) {
            llm.thenText("The mixer read x[t+1]; this version only accumulates the past.\n```java\n" + repaired
                    + "```");
            LlmRole role = new LlmRole("engineer", llm.baseUrl(), "coder-7b", "TEST_LLM_KEY", 0.2,
                    Duration.ofSeconds(30), 4000, 1);
            LlmEngineer engineer = new LlmEngineer(new LlmClient(role, name -> "sk-test"),
                    new PriceTable(Map.of("coder-7b", new PriceTable.Price(0.5, 1.5))));
            try (CampaignHarness harness = new CampaignHarness(data, Map.of("c1-e001", Candidates.PEEKS_AT_NEXT_TOKEN),
                    engineer)) {
                harness.run(CampaignSpec.of("c1", 1, "cpu-smoke", 2));

                ExperimentRecord record = harness.store.find("c1-e001").orElseThrow();
                assertThat(record.status()).isEqualTo(ExperimentStatus.TRAINED);
                assertThat(record.source()).isEqualTo(repaired.strip() + "\n");
                assertThat(record.attempts()).hasSize(2);
                ImplementationAttempt first = record.attempts().get(0);
                assertThat(first.author()).isEqualTo("scripted");
                assertThat(first.failure()).contains(FailureReason.NON_CAUSAL);
                assertThat(first.sentForRepair()).isTrue();
                assertThat(first.source()).isEqualTo(Candidates.PEEKS_AT_NEXT_TOKEN);
                ImplementationAttempt second = record.attempts().get(1);
                assertThat(second.author()).isEqualTo("coder-7b");
                assertThat(second.passed()).isTrue();
                assertThat(record.llmCalls()).singleElement().satisfies(call -> {
                    assertThat(call.role()).isEqualTo("engineer");
                    assertThat(call.promptTokens()).isEqualTo(1200);
                    assertThat(call.costUsd()).isCloseTo(0.0018, org.assertj.core.api.Assertions.within(1e-12));
                });

                // What the Engineer was sent is exactly the first attempt's diagnostic and source.
                String prompt = llm.requests().get(0).path("messages").get(1).path("content").asText();
                assertThat(prompt).contains(first.diagnostic()).contains("public final class PeekNext");
                assertThat(first.diagnostic()).contains("reads future tokens");
                assertThat(harness.artifacts.getText(ArtifactKey.experimentFile("c1", "c1-e001",
                        "attempts/0/checks.json"))).contains("NON_CAUSAL");
                assertThat(harness.artifacts.exists(ArtifactKey.experimentFile("c1", "c1-e001",
                        "attempts/1/LinearAttention.java"))).isTrue();
                assertThat(harness.artifacts.exists(ArtifactKey.experimentFile("c1", "c1-e001", "train.log")))
                        .isTrue();
                harness.replayAll("c1");
            }
        }
    }
}
