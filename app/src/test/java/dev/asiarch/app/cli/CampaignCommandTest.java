package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.campaign.LeakingCampaign;
import dev.asiarch.app.web.ServedApplication;
import dev.asiarch.app.web.WithServedApplication;
import dev.asiarch.workflows.campaign.CampaignPhase;
import dev.asiarch.workflows.campaign.CampaignResult;
import dev.asiarch.workflows.campaign.CampaignWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code campaign ...} against a served application: what it prints, and every way it can fail. */
@WithServedApplication
class CampaignCommandTest {

    private static String server() {
        return ServedApplication.served().baseUrl();
    }

    private static String campaign() {
        return ServedApplication.served().finishedCampaign();
    }

    private static CliRun campaign(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "campaign";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--server";
        all[args.length + 2] = server();
        all[args.length + 3] = "--token";
        all[args.length + 4] = ServedApplication.TOKEN;
        return CliRun.of(all);
    }

    @Test
    void listsAndShowsCampaignsAsTextAndJson() throws Exception {
        CliRun list = campaign("list");
        assertThat(list.exitCode()).as(list.err()).isEqualTo(ExitCodes.OK);
        assertThat(list.out()).contains("id").contains(campaign() + "  ").contains("FINISHED").contains("3/3");

        CliRun status = campaign("status", campaign());
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).contains("campaign " + campaign() + ": FINISHED, profile cpu-smoke, seed 3")
                .contains("[####################] 3/3 experiments, 3 trained")
                .contains("rank  name").contains("DeltaNet");

        CliRun json = campaign("status", campaign(), "--json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode document = ApiClient.JSON.readTree(json.out());
        assertThat(document.path("campaign").path("id").asText()).isEqualTo(campaign());
        assertThat(document.path("leaderboard")).hasSize(3);

        CliRun listJson = campaign("list", "--json");
        assertThat(ApiClient.JSON.readTree(listJson.out()).findValuesAsText("id")).contains(campaign());

        CliRun watch = campaign("status", campaign(), "--watch");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(watch.out()).contains("3/3 experiments  FINISHED");
    }

    @Test
    void statusFlagsASuspectedLeakAndSaysWhyItIsOutOfThePool() {
        LeakingCampaign.Ids ids = LeakingCampaign.record(
                ServedApplication.served().context().getBean(ExperimentStore.class), "c-leak-cli");

        CliRun status = campaign("status", ids.campaign());

        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        List<String> rows = status.out().lines().dropWhile(line -> !line.startsWith("rank")).skip(1).toList();
        assertThat(rows.get(0)).startsWith("1     SteadyGate");
        assertThat(rows.get(3)).startsWith("4     PeekAhead").endsWith("TRAINED suspected leak");
        assertThat(status.out()).contains("kept out of the pool by the candidate filter:\n  TooSlow (" + ids.worse()
                + "): validation loss 2.900 is 19.3% above").contains("  PeekAhead (" + ids.leak()
                + "): suspected leak: validation loss 1.280 is 47% below the baseline's 2.430");
    }

    @Test
    void watchingACampaignWhoseProcessEndedEndsWithFailure() {
        ServedApplication.served().context().getBean(ExperimentStore.class)
                .openCampaign("c-cli-interrupted", "cpu-tiny", 4, 1, 1_700_000_000_000L);
        CliRun watch = campaign("status", "c-cli-interrupted", "--watch");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(watch.out()).contains("0/5 experiments  INTERRUPTED")
                .contains("note: no workflow runs it on this server");
        CliRun json = campaign("status", "c-cli-interrupted", "--watch", "--json");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(json.out()).contains("\"status\" : \"INTERRUPTED\"");
    }

    @Test
    void startsACampaignAndFollowsItToTheEnd() {
        CliRun start = campaign("start", "--experiments", "1", "--profile", "cpu-smoke", "--seed", "8", "--wait");
        assertThat(start.exitCode()).as(start.out() + start.err()).isEqualTo(ExitCodes.OK);
        assertThat(start.out()).containsPattern("campaign c-[0-9-]+[0-9a-f]{4} started: 1 experiments, profile cpu-smoke")
                .contains("2/2 experiments  FINISHED");
    }

    /**
     * Pin, unpin, ban and inject are answered by the running campaign: what it did, or why it will not, as a
     * 409 through the REST API and exit code 5 from the command line, with the campaign's reason in both.
     */
    @Test
    void aSteeringActionTheCampaignRefusesIsAnErrorWithItsReasonOverRestAndTheCommandLine() throws Exception {
        CliRun start = campaign("start", "--experiments", "1", "--profile", "cpu-smoke", "--seed", "9");
        assertThat(start.exitCode()).as(start.err()).isEqualTo(ExitCodes.OK);
        String id = start.out().lines().findFirst().orElseThrow().split(" ")[1];
        // Paused, it starts nothing after its baseline: what it refuses now, it refuses until it is stopped.
        assertThat(campaign("pause", id).exitCode()).isEqualTo(ExitCodes.OK);

        HttpResponse<String> rest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server() + "api/campaigns/" + id + "/pin"))
                .header("Authorization", "Bearer " + ServedApplication.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"experimentId\": \"" + id + "-e001\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(rest.statusCode()).isEqualTo(409);
        assertThat(ApiClient.JSON.readTree(rest.body()).path("error").asText())
                .startsWith("cannot pin " + id + "-e001: it is not in the pool");

        CliRun pin = campaign("pin", id, id + "-e001");
        assertThat(pin.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(pin.err()).startsWith("asi-arch campaign pin: cannot pin " + id + "-e001: it is not in the pool");

        CliRun ban = campaign("ban", id, id + "-e005");
        assertThat(ban.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(ban.err()).contains("cannot ban " + id + "-e005: campaign " + id + " has no such experiment; it "
                + "has started " + id + "-e000");

        CliRun inject = campaign("inject", id, "Gate", "the", "read-out.");
        assertThat(inject.exitCode()).as(inject.err()).isEqualTo(ExitCodes.OK);
        assertThat(inject.out()).isEqualTo("campaign " + id + ": inject: \"Gate the read-out.\"\n");
        CliRun another = campaign("inject", id, "A second idea.");
        assertThat(another.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(another.err()).contains("cannot inject the idea: 1 experiment is left to start and 1 idea waits "
                + "already");
        CliRun unpin = campaign("unpin", id, "--json");
        assertThat(unpin.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(ApiClient.JSON.readTree(unpin.out()).path("answer").asText())
                .isEqualTo("unpin: nothing was pinned; parents are sampled as before");

        assertThat(campaign("stop", id).exitCode()).isEqualTo(ExitCodes.OK);
        CampaignResult stopped = WorkflowStub.fromTyped(ServedApplication.served().context()
                .getBean(WorkflowClient.class).newWorkflowStub(CampaignWorkflow.class, id))
                .getResult(CampaignResult.class);
        assertThat(stopped.phase()).isEqualTo(CampaignPhase.STOPPED);
        CliRun ended = campaign("pin", id, id + "-e000");
        assertThat(ended.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(ended.err()).contains("is not running on this server");
    }

    @Test
    void saysWhatToDoWhenNoServerAnswers() throws Exception {
        String nowhere = "http://127.0.0.1:" + CliRun.freePort();
        CliRun run = CliRun.of("campaign", "list", "--server", nowhere);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
        assertThat(run.err()).contains("asi-arch campaign list: no asi-arch server answers at " + nowhere + "/; start "
                + "one with 'asi-arch serve', or pass --server URL");

        CliRun badUrl = CliRun.of("campaign", "list", "--server", "127.0.0.1:8080");
        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUrl.err()).contains("--server must be a URL like http://127.0.0.1:8080, was '127.0.0.1:8080'");
    }

    @Test
    void saysWhenTheServerIsNotAsiArch() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            CliRun run = CliRun.of("campaign", "list", "--server", "http://127.0.0.1:" + other.getAddress().getPort());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.STARTUP);
            assertThat(run.err()).contains("does not answer like asi-arch (HTTP 200, text/html); check --server");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void asksForTheTokenWhenTheServerWantsOne() {
        CliRun none = CliRun.of("campaign", "list", "--server", server(), "--token", "");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(none.err()).contains("needs its access token: pass --token TOKEN or set ASI_ARCH_TOKEN");

        CliRun wrong = CliRun.of("campaign", "list", "--server", server(), "--token", "guess");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrong.err()).contains("(the one given was not accepted)");
    }

    @Test
    void refusesUnknownCampaignsAndActionsAFinishedCampaignCannotTake() {
        CliRun unknown = campaign("status", "c-nope");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("no campaign 'c-nope'");

        CliRun stopUnknown = campaign("stop", "c-nope");
        assertThat(stopUnknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

        for (String action : new String[] {"pause", "resume", "stop"}) {
            CliRun finished = campaign(action, campaign());
            assertThat(finished.exitCode()).as(action).isEqualTo(ExitCodes.REFUSED);
            assertThat(finished.err()).contains("campaign " + campaign() + " is not running on this server, so it "
                    + "cannot be steered (it is FINISHED)");
        }
    }

    @Test
    void refusesBadCommandLinesBeforeCallingTheServer() {
        CliRun zero = campaign("start", "--experiments", "0");
        assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("--experiments must be at least 1, was 0");

        CliRun profile = campaign("start", "--profile", "cpu-huge");
        assertThat(profile.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(profile.err()).contains("--profile: screening profile 'cpu-huge' is unknown");

        CliRun noId = CliRun.of("campaign", "status");
        assertThat(noId.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noId.err()).contains("Missing required parameter: 'CAMPAIGN'");

        CliRun noSubcommand = CliRun.of("campaign");
        assertThat(noSubcommand.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noSubcommand.err()).contains("a subcommand is required: start, status, list, stop, pause, resume, "
                + "pin, unpin, ban or inject");

        CliRun noExperiment = CliRun.of("campaign", "pin", "c-1");
        assertThat(noExperiment.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noExperiment.err()).contains("Missing required parameter: 'EXPERIMENT'");

        CliRun noIdea = CliRun.of("campaign", "inject", "c-1");
        assertThat(noIdea.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noIdea.err()).contains("Missing required parameter: 'IDEA'");

        CliRun typo = CliRun.of("campaign", "stat");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("Unmatched argument").contains("status");
    }
}
