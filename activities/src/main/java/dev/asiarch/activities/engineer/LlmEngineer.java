package dev.asiarch.activities.engineer;

import dev.asiarch.activities.llm.ChatAnswer;
import dev.asiarch.activities.llm.JsonConversation;
import dev.asiarch.activities.llm.LlmClient;
import dev.asiarch.activities.llm.LlmException;
import dev.asiarch.activities.llm.PriceTable;
import dev.asiarch.activities.llm.Prompts;
import dev.asiarch.core.experiment.LlmCall;
import dev.asiarch.core.program.MixerSource;
import dev.asiarch.workflows.activities.EngineerActivities;
import dev.asiarch.workflows.activities.RepairAnswer;
import dev.asiarch.workflows.activities.RepairRequest;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Engineer over an OpenAI-compatible model: sends the contract, the motivation, the failing
 * source and the exact diagnostic of its checks; takes back the first fenced Java block that declares
 * a {@code TokenMixer}. An answer without one is a declined repair with the reason; an endpoint that
 * still fails after the client's retries is a final activity failure.
 */
public final class LlmEngineer implements EngineerActivities {

    private static final Pattern FENCED = Pattern.compile("```(?:java)?\\s*\\n(.*?)```", Pattern.DOTALL);

    private final LlmClient client;
    private final PriceTable prices;
    private final String system = Prompts.system("engineer-system.md");

    public LlmEngineer(LlmClient client, PriceTable prices) {
        this.client = client;
        this.prices = prices;
    }

    @Override
    public RepairAnswer repair(RepairRequest request) {
        ChatAnswer answer;
        try {
            answer = client.chat(system, userPrompt(request));
        } catch (LlmException e) {
            throw JsonConversation.unavailable(e, List.of());
        }
        LlmCall call = prices.price(client.role().role(), client.role().model(), answer);
        return javaBlock(answer.text())
                .map(source -> RepairAnswer.repaired(source, call.model(), List.of(call)))
                .orElseGet(() -> RepairAnswer.declined(call.model(), "the Engineer's answer held no ```java block "
                        + "declaring a class that extends TokenMixer", List.of(call)));
    }

    static String userPrompt(RepairRequest request) {
        return """
                # Architecture
                %s

                # Motivation
                %s

                # Source that failed its checks (repair %d)
                ```java
                %s
                ```

                # What failed: %s
                %s
                """.formatted(request.name(), request.motivation(), request.round(), request.source().strip(),
                request.failure(), request.diagnostic());
    }

    /** The first fenced block that declares a public class extending TokenMixer. */
    static Optional<String> javaBlock(String text) {
        Matcher blocks = FENCED.matcher(text);
        while (blocks.find()) {
            String block = blocks.group(1);
            if (MixerSource.className(block).isPresent()) {
                return Optional.of(block.strip() + "\n");
            }
        }
        return Optional.empty();
    }
}
