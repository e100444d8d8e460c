package dev.asiarch.activities.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.function.Function;

/**
 * One role's connection to an OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp) through
 * the official SDK. The SDK retries 429 and 5xx answers itself, {@code maxRetries} times; what still
 * fails becomes an {@link LlmException} that names the role, the endpoint and the model.
 */
public final class LlmClient implements AutoCloseable {

    private final LlmRole role;
    private final OpenAIClient client;

    /** A client whose key is read from the role's environment variable via {@code environment}. */
    public LlmClient(LlmRole role, Function<String, String> environment) {
        this.role = role;
        String key = environment.apply(role.apiKeyVariable());
        // Local servers (vLLM, Ollama) ignore the key, but the SDK requires one.
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(role.baseUrl())
                .apiKey(key == null || key.isBlank() ? "unused" : key)
                .timeout(role.timeout())
                .maxRetries(role.maxRetries())
                .build();
    }

    public LlmRole role() {
        return role;
    }

    public ChatAnswer chat(String system, String user) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(role.model())
                .addSystemMessage(system)
                .addUserMessage(user)
                .temperature(role.temperature())
                .maxCompletionTokens(role.maxTokens())
                .build();
        ChatCompletion completion;
        try {
            completion = client.chat().completions().create(params);
        } catch (OpenAIException e) {
            throw new LlmException("the " + role.role() + " call to " + role.baseUrl() + " (model " + role.model()
                    + ") failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        String text = completion.choices().stream()
                .findFirst()
                .flatMap(choice -> choice.message().content())
                .orElse("");
        long prompt = completion.usage().map(usage -> usage.promptTokens()).orElse(0L);
        long written = completion.usage().map(usage -> usage.completionTokens()).orElse(0L);
        return new ChatAnswer(text, completion.model(), prompt, written);
    }

    @Override
    public void close() {
        client.close();
    }
}
