package dev.asiarch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.workflows.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The command line's client of the REST API, over OkHttp like every other HTTP client here. Every way a
 * call can go wrong becomes a {@link Failure} with an exit code and a message that says what to do.
 */
final class ApiClient {

    static final ObjectMapper JSON = Json.newMapper();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final MediaType JSON_BODY = MediaType.get("application/json");

    /** A call that did not succeed: what to print and the exit code to end with. */
    static final class Failure extends Exception {
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    private final URI server;
    private final HttpUrl base;
    private final Optional<String> token;
    /** A reading call may go again over a fresh connection when a pooled one turns out closed. */
    private final OkHttpClient reads;
    /** A changing call (start, pause, stop) is sent once, never again behind the caller's back. */
    private final OkHttpClient writes;

    private ApiClient(URI server, HttpUrl base, Optional<String> token) {
        this.server = server;
        this.base = base;
        this.token = token;
        this.reads = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(TIMEOUT)
                .writeTimeout(TIMEOUT)
                .callTimeout(TIMEOUT)
                .build();
        this.writes = reads.newBuilder().retryOnConnectionFailure(false).build();
    }

    static ApiClient of(ServerOptions options) throws Failure {
        URI server;
        try {
            server = new URI(options.server.endsWith("/") ? options.server : options.server + "/");
        } catch (URISyntaxException e) {
            throw new Failure(ExitCodes.USAGE, "--server must be a URL like http://127.0.0.1:8080, was '"
                    + options.server + "'");
        }
        HttpUrl base = HttpUrl.parse(server.toString());
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null
                || base == null) {
            throw new Failure(ExitCodes.USAGE, "--server must be a URL like http://127.0.0.1:8080, was '"
                    + options.server + "'");
        }
        return new ApiClient(server, base, Optional.ofNullable(options.token).filter(t -> !t.isBlank()));
    }

    URI server() {
        return server;
    }

    JsonNode get(String path) throws Failure {
        return send(reads, request(path).get().build());
    }

    JsonNode post(String path, Object body) throws Failure {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
        return send(writes, request(path).post(RequestBody.create(json, JSON_BODY)).build());
    }

    private Request.Builder request(String path) {
        HttpUrl url = base.resolve(path);
        if (url == null) {
            throw new IllegalArgumentException("'" + path + "' is no path under " + server);
        }
        Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private JsonNode send(OkHttpClient http, Request request) throws Failure {
        int status;
        String contentType;
        Optional<JsonNode> body;
        try (Response response = http.newCall(request).execute()) {
            status = response.code();
            contentType = response.header("Content-Type", "no content type");
            body = parse(response.body().string());
        } catch (ConnectException e) {
            throw new Failure(ExitCodes.STARTUP, "no asi-arch server answers at " + server + "; start one with "
                    + "'asi-arch serve', or pass --server URL (or set ASI_ARCH_SERVER)");
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new Failure(ExitCodes.FAILED, "interrupted");
            }
            throw new Failure(ExitCodes.STARTUP, "the server at " + server + " did not answer within "
                    + TIMEOUT.toSeconds() + " s; is it overloaded, or is --server pointing at the wrong place?");
        } catch (IOException e) {
            throw new Failure(ExitCodes.STARTUP, "cannot reach " + server + ": " + e.getMessage()
                    + "; check --server");
        }
        if (status / 100 == 2 && body.isPresent()) {
            return body.get();
        }
        String error = body.map(b -> b.path("error").asText("")).filter(e -> !e.isEmpty())
                .orElse("HTTP " + status);
        if (status == 401) {
            throw new Failure(ExitCodes.REFUSED, "the server at " + server + " needs its access token: pass --token "
                    + "TOKEN or set ASI_ARCH_TOKEN" + (token.isPresent() ? " (the one given was not accepted)" : ""));
        }
        if (body.isEmpty() || !body.get().has("error") && status / 100 != 2) {
            throw new Failure(ExitCodes.STARTUP, "the server at " + server + " does not answer like asi-arch (HTTP "
                    + status + ", " + contentType + "); check --server");
        }
        if (status == 404) {
            throw new Failure(ExitCodes.NOT_FOUND, error);
        }
        if (status == 400) {
            throw new Failure(ExitCodes.USAGE, error);
        }
        if (status == 409) {
            throw new Failure(ExitCodes.REFUSED, error);
        }
        throw new Failure(ExitCodes.FAILED, "the server failed (HTTP " + status + "): " + error);
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return text == null || text.isBlank() ? Optional.empty() : Optional.of(JSON.readTree(text));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
