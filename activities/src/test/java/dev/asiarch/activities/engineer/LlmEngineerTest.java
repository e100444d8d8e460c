package dev.asiarch.activities.engineer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmRole;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.testing.OpenAiTestServer;
import dev.asiarch.core.experiment.FailureReason;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.workflows.activities.RepairAnswer;
import dev.asiarch.workflows.activities.RepairRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Engineer against a local server that speaks the OpenAI wire format. */
public class LlmEngineerTest {

    public static final String FIXED = """
            import ai.djl.ndarray.NDArray;
            import dev.asiarch.kernels.TokenMixer;

            public final class Fixed extends TokenMixer {
                public Fixed(int dim) {
                    super(dim);
                }

                @Override
                protected NDArray mix(NDArray x) {
                    return x;
                }
            }
            """;

    private static final RepairRequest REQUEST = new RepairRequest("c1", "c1-e001", 1, "PeekNet",
            "look one token ahead", "public final class PeekNet extends TokenMixer { /* reads x[t+1] */ }",
            FailureReason.NON_CAUSAL, "output at position 0 changed by 0.83 when only tokens after position 0 were changed");

    private OpenAiTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new OpenAiTestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmEngineer engineer(Duration timeout, int retries) {
        LlmRole role = new LlmRole("engineer", server.baseUrl(), "coder-7b", "TEST_LLM_KEY", 0.2, timeout, 2000,
                retries);
        return new LlmEngineer(new LlmClient(role, Map.of("TEST_LLM_KEY", "sk-test")::get),
                new PriceTable(Map.of("coder-7b", new PriceTable.Price(2.0, 8.0))));
    }

    @Test
    void sendsTheDiagnosticAndTakesBackTheFencedSource() {
        server.thenText("Here is the repair:\n```java\n" + FIXED + "```\nIt no longer reads ahead.");

        RepairAnswer answer = engineer(Duration.ofSeconds(10), 0).repair(REQUEST);

        assertThat(answer).isInstanceOfSatisfying(RepairAnswer.Repaired.class,
                repaired -> assertThat(repaired.source()).isEqualTo(FIXED));
        assertThat(answer.engineer()).isEqualTo("coder-7b");
        // 1,200 tokens read at $2 and 800 written at $8 per million.
        assertThat(answer.calls()).singleElement().satisfies(call -> {
            assertThat(call).usingRecursiveComparison().ignoringFields("answer")
                    .isEqualTo(new LlmCall("engineer", "coder-7b", 1200, 800, 0.0088, ""));
            assertThat(call.answer()).startsWith("Here is the repair:");
        });
        var sent = server.requests().get(0);
        assertThat(sent.path("model").asText()).isEqualTo("coder-7b");
        assertThat(sent.path("messages").get(0).path("content").asText()).contains("public final class Name extends TokenMixer")
                .contains("Refused: files, network");
        assertThat(sent.path("messages").get(1).path("content").asText())
                .contains("What failed: NON_CAUSAL")
                .contains("output at position 0 changed by 0.83")
                .contains("look one token ahead")
                .contains("reads x[t+1]");
    }

    @Test
    void anAnswerWithoutAMixerIsADeclinedRepairWithItsReason() {
        server.thenText("I would rather not write code today.");

        RepairAnswer answer = engineer(Duration.ofSeconds(10), 0).repair(REQUEST);

        assertThat(answer).isInstanceOfSatisfying(RepairAnswer.Declined.class,
                declined -> assertThat(declined.note()).contains("no ```java block"));
    }

    @Test
    void aRateLimitIsRetriedByTheClient() {
        server.then(new OpenAiTestServer.Status(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"))
                .thenText("```java\n" + FIXED + "```");

        RepairAnswer answer = engineer(Duration.ofSeconds(10), 2).repair(REQUEST);

        assertThat(answer.repaired()).isTrue();
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void serverErrorsMalformedBodiesAndHangsEndInAFailureThatNamesTheEndpoint() {
        server.otherwise(new OpenAiTestServer.Status(500, "{\"error\":{\"message\":\"boom\"}}"));
        assertThatThrownBy(() -> engineer(Duration.ofSeconds(10), 1).repair(REQUEST))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("engineer call to " + server.baseUrl())
                .hasMessageContaining("coder-7b");
        assertThat(server.requests()).hasSize(2);

        server.otherwise(new OpenAiTestServer.Raw("{\"choices\": [ this is not json"));
        assertThatThrownBy(() -> engineer(Duration.ofSeconds(10), 0).repair(REQUEST))
                .isInstanceOf(ApplicationFailure.class);

        server.otherwise(new OpenAiTestServer.Hang(Duration.ofSeconds(20)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> engineer(Duration.ofSeconds(1), 0).repair(REQUEST))
                .isInstanceOf(ApplicationFailure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void extractsTheFirstBlockThatDeclaresAMixer() {
        String text = "```\nnot java\n```\n```java\nclass Helper {}\n```\n```java\n" + FIXED + "```";

        assertThat(LlmEngineer.javaBlock(text)).contains(FIXED);
        assertThat(LlmEngineer.javaBlock("no code")).isEmpty();
    }
}
