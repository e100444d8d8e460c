package dev.asiarch.activities.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One role's connection to an OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp) through
 * the official SDK. The SDK is the one layer that retries a call: 408, 409, 429, 5xx and lost or timed-out
 * connections, {@code maxRetries} times, waiting as {@code Retry-After} asks or backing off. Whatever
 * still fails, or answers what the SDK cannot read, becomes an {@link LlmException} that names the role,
 * the endpoint and the model, and is final ({@link JsonConversation#unavailable}).
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
        return chat(system, List.of(Turn.user(user)), false);
    }

    /**
     * A conversation: the system prompt, then alternating user and model turns, the last from the
     * user. With {@code jsonObject}, the endpoint is asked for a JSON object (OpenAI's
     * {@code response_format: json_object}, which vLLM and Ollama also honour).
     */
    public ChatAnswer chat(String system, List<Turn> turns, boolean jsonObject) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(role.model())
                .addSystemMessage(system)
                .temperature(role.temperature())
                .maxCompletionTokens(role.maxTokens());
        for (Turn turn : turns) {
            if (turn.fromModel()) {
                params.addAssistantMessage(turn.text());
            } else {
                params.addUserMessage(turn.text());
            }
        }
        if (jsonObject) {
            params.responseFormat(ResponseFormatJsonObject.builder().build());
        }
        // The SDK reads fields when they are asked for, so a malformed answer fails here, not in create().
        try {
            ChatCompletion completion = client.chat().completions().create(params.build());
            String text = completion.choices().stream()
                    .findFirst()
                    .flatMap(choice -> choice.message().content())
                    .orElse("");
            long prompt = completion.usage().map(usage -> usage.promptTokens()).orElse(0L);
            long written = completion.usage().map(usage -> usage.completionTokens()).orElse(0L);
            return new ChatAnswer(text, completion.model(), prompt, written);
        } catch (OpenAIException e) {
            throw failed(e);
        }
    }

    /**
     * Embeddings of {@code texts}, in their order, from the role's endpoint ({@code /embeddings}). Floats
     * are asked for explicitly: vLLM and Ollama do not all speak the base64 encoding.
     */
    public Embeddings embed(List<String> texts) {
        try {
            CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                    .model(role.model())
                    .inputOfArrayOfStrings(texts)
                    .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                    .build());
            List<Embedding> data = response.data().stream().sorted(Comparator.comparingLong(Embedding::index))
                    .toList();
            if (data.size() != texts.size()) {
                throw new LlmException("the " + role.role() + " endpoint " + role.baseUrl() + " (model "
                        + role.model() + ") returned " + data.size() + " embeddings for " + texts.size() + " texts",
                        null);
            }
            List<float[]> vectors = data.stream().map(embedding -> {
                List<Float> values = embedding.embedding();
                float[] vector = new float[values.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = values.get(i);
                }
                return vector;
            }).toList();
            return new Embeddings(vectors, response.model(), response.usage().promptTokens());
        } catch (OpenAIException e) {
            throw failed(e);
        }
    }

    /** Embedding vectors and the tokens they cost. */
    public record Embeddings(List<float[]> vectors, String model, long promptTokens) {
    }

    private LlmException failed(OpenAIException e) {
        return new LlmException("the " + role.role() + " call to " + role.baseUrl() + " (model " + role.model()
                + ") failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /** One turn of a conversation after the system prompt. */
    public record Turn(boolean fromModel, String text) {
        public static Turn user(String text) {
            return new Turn(false, text);
        }

        public static Turn model(String text) {
            return new Turn(true, text);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
