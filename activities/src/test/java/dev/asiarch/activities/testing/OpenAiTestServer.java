package dev.asiarch.activities.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A server on 127.0.0.1 that speaks the OpenAI chat-completions and embeddings wire formats and
 * answers from a script: a text (wrapped in a well-formed completion with token usage), an HTTP error
 * status, a raw malformed body, or a hang. Replies scripted for a model go to requests naming that
 * model first, so one server can play every agent role. Embeddings are bags of hashed words, so texts
 * that share words are close, unless the model's script says otherwise. Every request body is kept.
 */
public final class OpenAiTestServer implements AutoCloseable {

    /** One scripted reply. */
    public sealed interface Reply permits Text, Computed, Status, Raw, Hang {
    }

    public record Text(String content, long promptTokens, long completionTokens) implements Reply {
    }

    /** A text made from the request, e.g. naming an id that only the prompt knows. */
    public record Computed(Function<JsonNode, String> content) implements Reply {
    }

    public record Status(int code, String body) implements Reply {
    }

    public record Raw(String body) implements Reply {
    }

    /** No answer for {@code duration}, then a 500; closing the server ends the wait at once. */
    public record Hang(Duration duration) implements Reply {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    /** Dimensions of the hashed bag-of-words embeddings. */
    public static final int EMBEDDING_SIZE = 256;

    private final Deque<Reply> script = new ArrayDeque<>();
    private final Map<String, Deque<Reply>> byModel = new HashMap<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> embeddingRequests = Collections.synchronizedList(new ArrayList<>());
    private Reply fallback = new Status(500, "{\"error\":{\"message\":\"script exhausted\"}}");
    /** Opened by {@link #close}, so that a hanging reply ends with the test instead of outliving it. */
    private final CountDownLatch closed = new CountDownLatch(1);

    public OpenAiTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
        server.createContext("/v1/embeddings", this::embed);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "openai-test-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public synchronized OpenAiTestServer then(Reply reply) {
        script.addLast(reply);
        return this;
    }

    public OpenAiTestServer thenText(String content) {
        return then(new Text(content, 1200, 800));
    }

    /** Queues {@code reply} for the next request that names {@code model}. */
    public synchronized OpenAiTestServer thenFor(String model, Reply reply) {
        byModel.computeIfAbsent(model, m -> new ArrayDeque<>()).addLast(reply);
        return this;
    }

    public OpenAiTestServer thenTextFor(String model, String content) {
        return thenFor(model, new Text(content, 1200, 800));
    }

    /** Replies still queued for {@code model}. */
    public synchronized int pendingFor(String model) {
        return byModel.getOrDefault(model, new ArrayDeque<>()).size();
    }

    /** What to answer once the script is used up. */
    public synchronized OpenAiTestServer otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    /** Chat requests, in the order they came. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<JsonNode> embeddingRequests() {
        synchronized (embeddingRequests) {
            return List.copyOf(embeddingRequests);
        }
    }

    /** The user turns of the chat requests that named {@code model}, one string per request. */
    public List<String> promptsTo(String model) {
        return requests().stream().filter(request -> request.path("model").asText().equals(model))
                .map(request -> {
                    StringBuilder text = new StringBuilder();
                    request.path("messages").forEach(message -> {
                        if (message.path("role").asText().equals("user")) {
                            text.append(message.path("content").asText()).append("\n");
                        }
                    });
                    return text.toString();
                }).toList();
    }

    private synchronized Reply next(String model) {
        Deque<Reply> own = byModel.get(model);
        if (own != null && !own.isEmpty()) {
            return own.removeFirst();
        }
        return script.isEmpty() ? fallback : script.removeFirst();
    }

    private synchronized Reply nextEmbedding(String model) {
        Deque<Reply> own = byModel.get(model);
        return own != null && !own.isEmpty() ? own.removeFirst() : null;
    }

    private void embed(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        embeddingRequests.add(request);
        Reply reply = nextEmbedding(request.path("model").asText());
        if (reply == null || reply instanceof Text || reply instanceof Computed) {
            try {
                send(exchange, 200, embeddings(request));
            } catch (IOException clientGone) {
                // The client gave up; nothing to answer.
            } finally {
                exchange.close();
            }
            return;
        }
        reply(exchange, request, reply);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(request);
        reply(exchange, request, next(request.path("model").asText()));
    }

    private void reply(HttpExchange exchange, JsonNode request, Reply reply) {
        try {
            if (reply instanceof Hang hang) {
                if (!closed.await(hang.duration().toMillis(), TimeUnit.MILLISECONDS)) {
                    send(exchange, 500, "{\"error\":{\"message\":\"hung\"}}");
                }
            } else if (reply instanceof Status status) {
                send(exchange, status.code(), status.body());
            } else if (reply instanceof Raw raw) {
                send(exchange, 200, raw.body());
            } else if (reply instanceof Text text) {
                send(exchange, 200, completion(request.path("model").asText(), text));
            } else if (reply instanceof Computed computed) {
                send(exchange, 200, completion(request.path("model").asText(),
                        new Text(computed.content().apply(request), 1200, 800)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client gave up (its timeout); nothing to answer.
        } finally {
            exchange.close();
        }
    }

    /** Each input as a bag of its lower-cased words hashed into {@value #EMBEDDING_SIZE} buckets. */
    private static String embeddings(JsonNode request) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        root.put("model", request.path("model").asText());
        var data = root.putArray("data");
        long tokens = 0;
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(text -> texts.add(text.asText()));
        } else {
            texts.add(input.asText());
        }
        for (int i = 0; i < texts.size(); i++) {
            double[] vector = new double[EMBEDDING_SIZE];
            for (String word : texts.get(i).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (word.length() > 2) {
                    vector[Math.floorMod(word.hashCode(), EMBEDDING_SIZE)] += 1;
                    tokens++;
                }
            }
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            var values = item.putArray("embedding");
            for (double value : vector) {
                values.add(value);
            }
        }
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        return JSON.writeValueAsString(root);
    }

    private static String completion(String model, Text text) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text.content());
        message.putNull("refusal");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", text.promptTokens());
        usage.put("completion_tokens", text.completionTokens());
        usage.put("total_tokens", text.promptTokens() + text.completionTokens());
        return JSON.writeValueAsString(root);
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
    }
}
