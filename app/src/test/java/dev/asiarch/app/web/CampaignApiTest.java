package dev.asiarch.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.campaign.LeakingCampaign;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The REST API over a finished campaign, and what it answers to bad or unauthorised requests. */
@WithServedApplication
class CampaignApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Answer(int status, String body, Optional<String> contentType) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private static Answer send(String method, String path, String body, Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ServedApplication.served().baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type"));
    }

    private static Answer get(String path) throws Exception {
        return send("GET", path, null, Optional.of(ServedApplication.TOKEN));
    }

    private static Answer post(String path, String body) throws Exception {
        return send("POST", path, body, Optional.of(ServedApplication.TOKEN));
    }

    private static String campaign() {
        return ServedApplication.served().finishedCampaign();
    }

    @Test
    void servesAFinishedCampaignsRecordLeaderboardLineageAndProgress() throws Exception {
        JsonNode list = get("api/campaigns").json();
        assertThat(list.findValuesAsText("id")).contains(campaign());

        JsonNode view = get("api/campaigns/" + campaign()).json();
        assertThat(view.path("status").asText()).isEqualTo("FINISHED");
        assertThat(view.path("recorded").asInt()).isEqualTo(3);
        assertThat(view.path("profile").asText()).isEqualTo("cpu-smoke");
        assertThat(view.path("live").isNull()).isTrue();

        JsonNode leaderboard = get("api/campaigns/" + campaign() + "/leaderboard").json();
        assertThat(leaderboard).hasSize(3);
        List<Double> fitness = new ArrayList<>();
        leaderboard.forEach(row -> fitness.add(row.path("fitness").asDouble()));
        assertThat(fitness).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(leaderboard.findValuesAsText("role")).containsOnlyOnce("BASELINE");

        JsonNode lineage = get("api/campaigns/" + campaign() + "/lineage").json();
        assertThat(lineage).hasSize(1);
        assertThat(lineage.get(0).path("baseline").asBoolean()).isTrue();
        assertThat(lineage.get(0).path("children")).hasSize(2);

        JsonNode progress = get("api/campaigns/" + campaign() + "/progress").json();
        assertThat(progress).hasSize(3);
        assertThat(progress.get(0).path("bestFitness").asDouble()).isEqualTo(0.5);
        assertThat(progress.get(2).path("computeHours").asDouble())
                .isGreaterThan(progress.get(0).path("computeHours").asDouble());
    }

    @Test
    void servesAnExperimentsCurvesDiffAndAnalysis() throws Exception {
        String experiment = campaign() + "-e001";
        JsonNode record = get("api/experiments/" + experiment).json();
        assertThat(record.path("status").asText()).isEqualTo("TRAINED");
        assertThat(record.path("source").asText()).contains("class");

        JsonNode curves = get("api/experiments/" + experiment + "/curves").json();
        assertThat(curves.path("experiment").path("loss").size()).isPositive();
        assertThat(curves.path("parent").path("experimentId").asText()).isEqualTo(campaign() + "-e000");
        assertThat(curves.path("baseline").path("experimentId").asText()).isEqualTo(campaign() + "-e000");

        JsonNode diff = get("api/experiments/" + experiment + "/diff").json();
        assertThat(diff.path("parentName").asText()).isEqualTo("DeltaNet");
        assertThat(diff.path("added").asInt()).isPositive();
        assertThat(diff.path("removed").asInt()).isPositive();
        assertThat(diff.path("lines").get(0).path("text").asText()).isEqualTo("--- DeltaNet");
        assertThat(diff.path("lines").findValuesAsText("kind")).contains("hunk", "added", "removed", "context");

        JsonNode analysis = get("api/experiments/" + experiment + "/analysis").json();
        assertThat(analysis.path("analysis").path("analyst").asText()).isNotEmpty();
        assertThat(analysis.path("judge").path("rationale").asText()).isNotEmpty();
    }

    @Test
    void aSuspectedLeakIsFlaggedInTheLeaderboardAndItsRecordAndIsNeverRankedFirstOrBest() throws Exception {
        ExperimentStore store = ServedApplication.served().context().getBean(ExperimentStore.class);
        LeakingCampaign.Ids ids = LeakingCampaign.record(store, "c-leak-api");

        JsonNode leaderboard = get("api/campaigns/c-leak-api/leaderboard").json();
        assertThat(leaderboard.findValuesAsText("experimentId")).containsExactly(ids.plausible(), ids.baseline(),
                ids.worse(), ids.leak(), ids.failed());
        JsonNode leak = leaderboard.get(3);
        assertThat(leak.path("rank").asInt()).isEqualTo(4);
        assertThat(leak.path("suspectedLeak").asBoolean()).isTrue();
        assertThat(leak.path("keptOutOfPool").asText()).isEqualTo("suspected leak: validation loss 1.280 is 47% below "
                + "the baseline's 2.430; gains over 10% are not plausible, so it is kept out of the pool");
        assertThat(leak.path("fitness").asDouble()).isGreaterThan(leaderboard.get(0).path("fitness").asDouble());
        assertThat(leaderboard.get(0).path("suspectedLeak").asBoolean()).isFalse();
        assertThat(leaderboard.get(0).path("keptOutOfPool").isTextual()).isFalse();
        assertThat(leaderboard.get(2).path("keptOutOfPool").asText()).startsWith("validation loss 2.900 is 19.3% above");

        JsonNode record = get("api/experiments/" + ids.leak()).json();
        assertThat(record.path("suspectedLeak").asBoolean()).isTrue();
        assertThat(record.path("keptOutOfPool").asText()).startsWith("suspected leak: validation loss 1.280");
        // The record's own fields stay where the dashboard reads them.
        assertThat(record.path("experimentId").asText()).isEqualTo(ids.leak());
        assertThat(record.path("status").asText()).isEqualTo("TRAINED");
        assertThat(record.path("metrics").path("validationLoss").asDouble()).isEqualTo(1.28);
        assertThat(record.has("record")).isFalse();
        JsonNode plausible = get("api/experiments/" + ids.plausible()).json();
        assertThat(plausible.path("suspectedLeak").asBoolean()).isFalse();
        assertThat(plausible.path("keptOutOfPool").isTextual()).isFalse();
        assertThat(get("api/experiments/" + ids.baseline()).json().path("suspectedLeak").asBoolean()).isFalse();

        JsonNode progress = get("api/campaigns/c-leak-api/progress").json();
        assertThat(progress.get(2).path("suspectedLeak").asBoolean()).isTrue();
        assertThat(progress.get(4).path("bestFitness").asDouble()).isEqualTo(leaderboard.get(0).path("fitness")
                .asDouble());
        JsonNode lineage = get("api/campaigns/c-leak-api/lineage").json();
        assertThat(lineage.get(0).path("children").findValuesAsText("experimentId")).contains(ids.leak());
        lineage.get(0).path("children").forEach(child -> assertThat(child.path("suspectedLeak").asBoolean())
                .isEqualTo(child.path("experimentId").asText().equals(ids.leak())));
    }

    @Test
    void aCampaignWhoseProcessEndedIsShownAsInterrupted() throws Exception {
        ExperimentStore store = ServedApplication.served().context().getBean(ExperimentStore.class);
        store.openCampaign("c-earlier-process", "cpu-tiny", 10, 1, 1_700_000_000_000L);

        JsonNode view = get("api/campaigns/c-earlier-process").json();
        assertThat(view.path("status").asText()).isEqualTo("INTERRUPTED");
        assertThat(view.path("note").asText()).contains("the process that ran it ended before it finished");
        assertThat(post("api/campaigns/c-earlier-process/resume", "{}").status()).isEqualTo(409);
    }

    @Test
    void refusesEveryRequestWithoutItsToken() throws Exception {
        Answer none = send("GET", "api/campaigns", null, Optional.empty());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").asText()).contains("Authorization: Bearer");

        Answer wrong = send("GET", "api/campaigns", null, Optional.of("guess"));
        assertThat(wrong.status()).isEqualTo(401);

        Answer page = send("GET", "", null, Optional.empty());
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("/?token=");

        Answer steer = send("POST", "api/campaigns/" + campaign() + "/stop", "{}", Optional.empty());
        assertThat(steer.status()).isEqualTo(401);

        // The token opens the dashboard once, as a cookie; an API call's address never carries it.
        HttpResponse<String> inApiAddress = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                ServedApplication.served().baseUrl() + "api/campaigns?token=" + ServedApplication.TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inApiAddress.statusCode()).isEqualTo(401);
        HttpResponse<String> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                ServedApplication.served().baseUrl() + "/evil.example/?token=" + ServedApplication.TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.statusCode()).isEqualTo(302);
        String location = signIn.headers().firstValue("Location").orElseThrow();
        assertThat(location).doesNotContain("token").doesNotStartWith("//")
                .satisfiesAnyOf(l -> assertThat(l).isEqualTo("/evil.example/"),
                        l -> assertThat(l).startsWith(ServedApplication.served().baseUrl() + "evil.example/"));
        assertThat(signIn.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly")
                .contains("SameSite=Strict");
    }

    @Test
    void otherWebPagesCannotDriveTheApi() throws Exception {
        // A page elsewhere can post a form (text/plain) without asking the browser first; JSON it cannot.
        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ServedApplication.served().baseUrl() + "api/campaigns/" + campaign() + "/stop"))
                .header("Authorization", "Bearer " + ServedApplication.TOKEN)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("send the body as JSON (Content-Type: application/json)");

        // However the path is spelled, a change without a JSON body never reaches a controller.
        for (String path : List.of("api/campaigns", "api;x/campaigns", "%61pi/campaigns",
                "api/campaigns/" + campaign() + "/stop")) {
            HttpResponse<String> bare = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(ServedApplication.served().baseUrl() + path))
                    .header("Authorization", "Bearer " + ServedApplication.TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bare.statusCode()).as(path).isEqualTo(415);
        }
        // A browser names the page a request came from: another site's is refused even with JSON.
        for (String[] header : new String[][] {{"Origin", "http://attacker.example"}, {"Sec-Fetch-Site", "cross-site"}}) {
            HttpResponse<String> crossSite = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(ServedApplication.served().baseUrl() + "api/campaigns"))
                    .header("Authorization", "Bearer " + ServedApplication.TOKEN)
                    .header("Content-Type", "application/json")
                    .header(header[0], header[1])
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(crossSite.statusCode()).as(header[0]).isEqualTo(403);
            assertThat(crossSite.body()).contains("changes are taken only from this server's own pages");
        }
        assertThat(get("api/campaigns").status()).isEqualTo(200);

        // A page whose host name was rebound to 127.0.0.1 still names its own host.
        Socket socket = new Socket("127.0.0.1", URI.create(ServedApplication.served().baseUrl())
                .getPort());
        try (socket) {
            socket.getOutputStream().write(("GET /api/campaigns HTTP/1.1\r\nHost: attacker.example\r\n"
                    + "Authorization: Bearer " + ServedApplication.TOKEN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("answers only requests addressed to 127.0.0.1 or "
                    + "localhost, not 'attacker.example'");
        }
        Socket lookalike = new Socket("127.0.0.1", URI.create(ServedApplication.served().baseUrl()).getPort());
        try (lookalike) {
            lookalike.getOutputStream().write(("GET /api/campaigns HTTP/1.1\r\nHost: 127.0.0.1.attacker.example\r\n"
                    + "Authorization: Bearer " + ServedApplication.TOKEN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(lookalike.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void answersBadRequestsWithAnErrorThatSaysWhatToDo() throws Exception {
        Answer unknownCampaign = get("api/campaigns/c-nope");
        assertThat(unknownCampaign.status()).isEqualTo(404);
        assertThat(unknownCampaign.json().path("error").asText()).isEqualTo("no campaign 'c-nope'; GET /api/campaigns "
                + "lists them");
        assertThat(get("api/campaigns/c-" + "x".repeat(2000)).status()).isEqualTo(404);
        assertThat(get("api/campaigns/c-nope/leaderboard").status()).isEqualTo(404);
        assertThat(get("api/experiments/x-e001/diff").json().path("error").asText()).contains("no experiment 'x-e001'");

        Answer zero = post("api/campaigns", "{\"experiments\": 0, \"profile\": \"cpu-huge\"}");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("error").asText()).contains("experiments must be at least 1, was 0")
                .contains("profile: screening profile 'cpu-huge' is unknown");

        Answer notJson = post("api/campaigns", "{\"experiments\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").asText()).startsWith("the request body is not the JSON this call takes");

        Answer wrongType = post("api/campaigns", "{\"experiments\": \"many\"}");
        assertThat(wrongType.status()).isEqualTo(400);

        Answer finished = post("api/campaigns/" + campaign() + "/pause", "{}");
        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.json().path("error").asText()).contains("is not running on this server")
                .contains("FINISHED");

        Answer unknownAction = post("api/campaigns/" + campaign() + "/explode", "{}");
        assertThat(unknownAction.status()).isEqualTo(400);
        assertThat(unknownAction.json().path("error").asText()).contains("'explode' is not a steering action; known: "
                + "pause, resume, stop, pin, unpin, ban, inject");

        Answer pinNothing = post("api/campaigns/" + campaign() + "/pin", "{}");
        assertThat(pinNothing.status()).isEqualTo(400);
        assertThat(pinNothing.json().path("error").asText()).contains("pin needs an experiment id")
                .contains("{\"experimentId\": \"...\"}");

        // Whether the experiment may be pinned is the running campaign's to say (see CampaignCommandTest).
        Answer pinFinished = post("api/campaigns/" + campaign() + "/pin", "{\"experimentId\": \"other-e001\"}");
        assertThat(pinFinished.status()).isEqualTo(409);
        assertThat(pinFinished.json().path("error").asText()).contains("is not running on this server");

        Answer method = send("DELETE", "api/campaigns/" + campaign(), null, Optional.of(ServedApplication.TOKEN));
        assertThat(method.status()).isEqualTo(405);

        assertThat(get("api/campaigns/" + campaign() + "/leaderboard").status()).isEqualTo(200);
    }
}
