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
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A server on 127.0.0.1 that speaks the OpenAI chat-completions wire format and answers from a
 * script: a text (wrapped in a well-formed completion with token usage), an HTTP error status, a raw
 * malformed body, or a hang. Every request body is kept so tests can read what was sent.
 */
public final class OpenAiTestServer implements AutoCloseable {

    /** One scripted reply. */
    public sealed interface Reply permits Text, Status, Raw, Hang {
    }

    public record Text(String content, long promptTokens, long completionTokens) implements Reply {
    }

    public record Status(int code, String body) implements Reply {
    }

    public record Raw(String body) implements Reply {
    }

    public record Hang(Duration duration) implements Reply {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private Reply fallback = new Status(500, "{\"error\":{\"message\":\"script exhausted\"}}");

    public OpenAiTestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", this::answer);
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

    /** What to answer once the script is used up. */
    public synchronized OpenAiTestServer otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private synchronized Reply next() {
        return script.isEmpty() ? fallback : script.removeFirst();
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(request);
        Reply reply = next();
        try {
            if (reply instanceof Hang hang) {
                Thread.sleep(hang.duration().toMillis());
                send(exchange, 500, "{\"error\":{\"message\":\"hung\"}}");
            } else if (reply instanceof Status status) {
                send(exchange, status.code(), status.body());
            } else if (reply instanceof Raw raw) {
                send(exchange, 200, raw.body());
            } else if (reply instanceof Text text) {
                send(exchange, 200, completion(request.path("model").asText(), text));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The client gave up (its timeout); nothing to answer.
        } finally {
            exchange.close();
        }
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
        server.stop(0);
    }
}
