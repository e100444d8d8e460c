package dev.asiarch.app.web;

import dev.asiarch.app.AsiArchApplication;
import dev.asiarch.workflows.campaign.CampaignResult;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One served application per test run, shared by the web and CLI tests: the whole embedded stack with
 * the dashboard and API on a free port, a token, and a finished cpu-smoke campaign (baseline and two
 * candidates) started through the API. Test classes reach it by {@link WithServedApplication}.
 */
public final class ServedApplication implements BeforeAllCallback {

    public static final String TOKEN = "test-token-7c1f";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Served served;

    /** What the tests reach. */
    public record Served(ConfigurableApplicationContext context, Path dataDir, String baseUrl, String finishedCampaign)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            context.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext extension) throws Exception {
        synchronized (ServedApplication.class) {
            if (served == null) {
                served = start();
                extension.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(ServedApplication.class, served);
            }
        }
    }

    public static Served served() {
        return served;
    }

    private static Served start() throws Exception {
        Path data = Files.createTempDirectory("asi-arch-served");
        ConfigurableApplicationContext context = AsiArchApplication.withDashboard().run(
                "--asi-arch.data-dir=" + data,
                "--asi-arch.temporal.embedded-port=" + freePort(),
                "--server.port=0",
                "--asi-arch.web.token=" + TOKEN);
        String baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort() + "/";
        JsonNode started = call(baseUrl, "POST", "api/campaigns",
                "{\"experiments\": 2, \"profile\": \"cpu-smoke\", \"seed\": 3}");
        String campaign = started.path("id").asText();
        String status = awaitEnd(context, baseUrl, campaign, Duration.ofMinutes(4));
        if (!status.equals("FINISHED")) {
            throw new IllegalStateException("the served campaign " + campaign + " ended " + status + ", not FINISHED");
        }
        return new Served(context, data, baseUrl, campaign);
    }

    /**
     * Blocks until the campaign's workflow has ended, which it does only once its status is recorded,
     * and returns that status as the API reports it.
     */
    public static String awaitEnd(String campaign, Duration within) throws Exception {
        return awaitEnd(served.context(), served.baseUrl(), campaign, within);
    }

    private static String awaitEnd(ConfigurableApplicationContext context, String baseUrl, String campaign,
                                   Duration within) throws Exception {
        try {
            context.getBean(WorkflowClient.class).newUntypedWorkflowStub(campaign)
                    .getResult(within.toMillis(), TimeUnit.MILLISECONDS, CampaignResult.class);
        } catch (TimeoutException e) {
            throw new AssertionError("campaign " + campaign + " did not end within " + within + "; it is "
                    + status(baseUrl, campaign), e);
        }
        return status(baseUrl, campaign);
    }

    private static String status(String baseUrl, String campaign) throws Exception {
        return call(baseUrl, "GET", "api/campaigns/" + campaign, null).path("status").asText();
    }

    /** A call to the API with the token; the body parsed as JSON. */
    public static JsonNode call(String baseUrl, String method, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
