package dev.asiarch.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line's client of the REST API. Every way a call can go wrong becomes a {@link Failure}
 * with an exit code and a message that says what to do.
 */
final class ApiClient {

    static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiClient(URI server, Optional<String> token) {
        this.server = server;
        this.token = token;
    }

    static ApiClient of(ServerOptions options) throws Failure {
        URI server;
        try {
            server = new URI(options.server.endsWith("/") ? options.server : options.server + "/");
        } catch (URISyntaxException e) {
            throw new Failure(ExitCodes.USAGE, "--server must be a URL like http://127.0.0.1:8080, was '"
                    + options.server + "'");
        }
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme()) || server.getHost() == null) {
            throw new Failure(ExitCodes.USAGE, "--server must be a URL like http://127.0.0.1:8080, was '"
                    + options.server + "'");
        }
        return new ApiClient(server, Optional.ofNullable(options.token).filter(t -> !t.isBlank()));
    }

    URI server() {
        return server;
    }

    JsonNode get(String path) throws Failure {
        return send(request(path).GET().build());
    }

    JsonNode post(String path, Object body) throws Failure {
        try {
            return send(request(path)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the request as JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private JsonNode send(HttpRequest request) throws Failure {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure(ExitCodes.STARTUP, "no asi-arch server answers at " + server + "; start one with "
                    + "'asi-arch serve', or pass --server URL (or set ASI_ARCH_SERVER)");
        } catch (HttpTimeoutException e) {
            throw new Failure(ExitCodes.STARTUP, "the server at " + server + " did not answer within "
                    + TIMEOUT.toSeconds() + " s; is it overloaded, or is --server pointing at the wrong place?");
        } catch (IOException e) {
            throw new Failure(ExitCodes.STARTUP, "cannot reach " + server + ": " + e.getMessage()
                    + "; check --server");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCodes.FAILED, "interrupted");
        }
        Optional<JsonNode> body = parse(response.body());
        int status = response.statusCode();
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
                    + status + ", " + response.headers().firstValue("Content-Type").orElse("no content type")
                    + "); check --server");
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
