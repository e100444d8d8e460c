package dev.asiarch.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.app.console.ProgressBar;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code campaign start|status|list|stop|pause|resume|pin|unpin|ban|inject}: campaigns on a running
 * {@code asi-arch serve}.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true,
        description = "Start, watch and steer campaigns on a running 'asi-arch serve' (its REST API).",
        subcommands = {CampaignCommand.Start.class, CampaignCommand.Status.class, CampaignCommand.ListCampaigns.class,
                CampaignCommand.Stop.class, CampaignCommand.Pause.class, CampaignCommand.Resume.class,
                CampaignCommand.Pin.class, CampaignCommand.Unpin.class, CampaignCommand.Ban.class,
                CampaignCommand.Inject.class},
        exitCodeListHeading = "%nExit codes (every subcommand):%n",
        exitCodeList = {"0:done", "1:the campaign failed (start --wait, status --watch) or the server failed",
                "2:bad command line, or a request the server calls bad", "3:no server answers at --server",
                "4:no such campaign", "5:refused: the server needs a token, or the campaign cannot do that now "
                        + "(the message says why)"})
public final class CampaignCommand implements Runnable {

    private static final Duration POLL = Duration.ofSeconds(1);
    /** How long a just-started campaign may be unknown to the server before watching it gives up. */
    private static final Duration STARTING = Duration.ofSeconds(15);
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final List<String> ENDED = List.of("FINISHED", "BUDGET_REACHED", "GPU_BUDGET_REACHED", "STOPPED",
            "FAILED", "INTERRUPTED");

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: start, status, list, stop, pause, "
                + "resume, pin, unpin, ban or inject");
    }

    /** What every subcommand shares: reaching the server and turning failures into messages and exit codes. */
    abstract static class ClientCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerOptions server;

        @Override
        public final Integer call() throws Exception {
            try {
                return run(ApiClient.of(server), spec.commandLine().getOut());
            } catch (ApiClient.Failure failure) {
                spec.commandLine().getErr().println("asi-arch campaign " + spec.name() + ": " + failure.getMessage());
                spec.commandLine().getErr().flush();
                return failure.exitCode();
            }
        }

        abstract int run(ApiClient api, PrintWriter out) throws Exception;

        void printJson(PrintWriter out, JsonNode node) throws JsonProcessingException {
            out.println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out.flush();
        }

        static String path(String campaignId) {
            return "api/campaigns/" + URLEncoder.encode(campaignId, StandardCharsets.UTF_8);
        }

        /** Follows a campaign with a progress bar until it ends; its exit code says how it ended. */
        int watch(ApiClient api, String campaignId, PrintWriter out) throws Exception {
            ProgressBar bar = new ProgressBar(out, System.console() != null);
            long patience = System.nanoTime() + STARTING.toNanos();
            while (true) {
                JsonNode campaign;
                try {
                    campaign = api.get(path(campaignId));
                } catch (ApiClient.Failure failure) {
                    // A campaign started a moment ago is not known until its workflow has run its first step.
                    if (failure.exitCode() != ExitCodes.NOT_FOUND || System.nanoTime() > patience) {
                        throw failure;
                    }
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                String status = campaign.path("status").asText();
                JsonNode live = campaign.path("live");
                String detail = status + (live.isObject() ? String.format(Locale.ROOT, ", %d in flight, $%.4f, %.3f GPU h",
                        live.path("running").size(), live.path("spentUsd").asDouble(), live.path("gpuHours").asDouble())
                        : "");
                bar.show(done(campaign), total(campaign), "experiments", detail);
                if (ENDED.contains(status)) {
                    bar.finish();
                    if (!campaign.path("note").asText("").isEmpty()) {
                        out.println("note: " + campaign.path("note").asText());
                        out.flush();
                    }
                    return status.equals("FAILED") || status.equals("INTERRUPTED") ? ExitCodes.FAILED : ExitCodes.OK;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a campaign on the server and print its id (with --wait, follow it to the end).")
    static final class Start extends ClientCommand {

        @Mixin
        CampaignOptions campaign;

        @Option(names = "--wait", description = "follow the campaign with a progress bar until it ends")
        boolean await;

        @Override
        int run(ApiClient api, PrintWriter out) throws Exception {
            JsonNode started = api.post("api/campaigns", campaign.request(spec));
            String id = started.path("id").asText();
            if (server.json) {
                printJson(out, started);
            } else {
                out.printf("campaign %s started: %d experiments, profile %s%n", id, started.path("experiments").asInt(),
                        started.path("profile").asText());
                out.printf("watch it at %s or with: asi-arch campaign status %s --watch%n", api.server(), id);
                out.flush();
            }
            return await ? watch(api, id, server.json ? spec.commandLine().getErr() : out) : ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "A campaign's state, progress and leaderboard (with --watch, follow it to the end).")
    static final class Status extends ClientCommand {

        @Parameters(paramLabel = "CAMPAIGN", description = "campaign id, as 'campaign list' shows it")
        String campaignId;

        @Option(names = "--watch", description = "follow the campaign with a progress bar until it ends")
        boolean watch;

        @Override
        int run(ApiClient api, PrintWriter out) throws Exception {
            int code = ExitCodes.OK;
            if (watch) {
                code = watch(api, campaignId, server.json ? spec.commandLine().getErr() : out);
                if (!server.json) {
                    return code;
                }
            }
            JsonNode campaign = api.get(path(campaignId));
            JsonNode leaderboard = api.get(path(campaignId) + "/leaderboard");
            if (server.json) {
                printJson(out, ApiClient.JSON.valueToTree(Map.of("campaign", campaign, "leaderboard", leaderboard)));
                return code;
            }
            JsonNode live = campaign.path("live");
            out.printf("campaign %s: %s, profile %s, seed %d, started %s%n", campaignId,
                    campaign.path("status").asText(), campaign.path("profile").asText(), campaign.path("seed").asLong(),
                    STARTED.format(Instant.ofEpochMilli(campaign.path("startedAtMillis").asLong())));
            out.println(ProgressBar.render(done(campaign), total(campaign), "experiments") + ", "
                    + campaign.path("trained").asInt() + " trained");
            if (live.isObject()) {
                out.printf(Locale.ROOT, "in flight: %s; LLM $%.4f; GPU %.3f h%n",
                        live.path("running").isEmpty() ? "none" : join(live.path("running")),
                        live.path("spentUsd").asDouble(), live.path("gpuHours").asDouble());
            }
            campaign.path("note").asText("").lines().filter(l -> !l.isBlank()).forEach(l -> out.println("note: " + l));
            if (!campaign.path("failures").isEmpty()) {
                StringBuilder failures = new StringBuilder("failures:");
                campaign.path("failures").fields().forEachRemaining(f -> failures.append(' ').append(f.getKey())
                        .append(' ').append(f.getValue().asInt()));
                out.println(failures);
            }
            out.println();
            out.printf("%-4s  %-40s  %9s  %7s  %7s  %s%n", "rank", "name", "val loss", "bench", "fitness", "status");
            for (JsonNode row : leaderboard) {
                out.printf(Locale.ROOT, "%-4d  %-40s  %9s  %7s  %7s  %s%n", row.path("rank").asInt(),
                        row.path("name").asText(), number(row.path("validationLoss"), "%.4f"),
                        number(row.path("benchmarkScore"), "%.3f"), number(row.path("fitness"), "%.3f"),
                        row.path("status").asText() + row.path("failureReason").asText("").transform(
                                reason -> reason.isEmpty() ? "" : " (" + reason + ")")
                                + (row.path("suspectedLeak").asBoolean() ? " suspected leak" : ""));
            }
            // As discover's leaderboard says it: why the candidate filter kept a trained candidate out of the pool.
            boolean heading = false;
            for (JsonNode row : leaderboard) {
                if (!row.path("keptOutOfPool").isTextual()) {
                    continue;
                }
                if (!heading) {
                    out.println();
                    out.println("kept out of the pool by the candidate filter:");
                    heading = true;
                }
                out.printf("  %s (%s): %s%n", row.path("name").asText(), row.path("experimentId").asText(),
                        row.path("keptOutOfPool").asText());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every campaign on the server, newest first.")
    static final class ListCampaigns extends ClientCommand {

        @Override
        int run(ApiClient api, PrintWriter out) throws Exception {
            JsonNode campaigns = api.get("api/campaigns");
            if (server.json) {
                printJson(out, campaigns);
                return ExitCodes.OK;
            }
            if (campaigns.isEmpty()) {
                out.println("no campaigns yet; start one with: asi-arch campaign start --experiments 3");
            } else {
                out.printf("%-26s  %-18s  %-9s  %9s  %7s  %s%n", "id", "status", "profile", "done", "trained",
                        "started");
                for (JsonNode c : campaigns) {
                    out.printf("%-26s  %-18s  %-9s  %9s  %7d  %s%n", c.path("id").asText(), c.path("status").asText(),
                            c.path("profile").asText(), c.path("recorded").asInt() + "/"
                                    + (c.path("experiments").asInt() + 1), c.path("trained").asInt(),
                            STARTED.format(Instant.ofEpochMilli(c.path("startedAtMillis").asLong())));
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** A steering action, posted to the campaign's path under the action's name. */
    abstract static class Steer extends ClientCommand {

        @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "campaign id, as 'campaign list' shows it")
        String campaignId;

        abstract String action();

        /** The request's body: what the action takes, if anything. */
        Map<String, String> body() {
            return Map.of();
        }

        /** What to print once the server has taken it. */
        abstract String confirmation(JsonNode receipt);

        @Override
        int run(ApiClient api, PrintWriter out) throws Exception {
            JsonNode receipt = api.post(path(campaignId) + "/" + action(), body());
            if (server.json) {
                printJson(out, receipt);
            } else {
                out.printf("campaign %s: %s%n", campaignId, confirmation(receipt));
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    /** A signal: sent, and applied when the campaign next acts. */
    abstract static class Signal extends Steer {

        abstract String effect();

        @Override
        String confirmation(JsonNode receipt) {
            return action() + " sent; " + effect();
        }
    }

    /**
     * An update: the campaign applies it before answering, and the answer is what it did. A refusal is the
     * campaign's reason, and ends with exit code 5.
     */
    abstract static class Update extends Steer {

        @Override
        String confirmation(JsonNode receipt) {
            return receipt.path("answer").asText();
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "End a campaign once its experiments in flight finish.")
    static final class Stop extends Signal {
        String action() {
            return "stop";
        }

        String effect() {
            return "it ends once the experiments in flight finish";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Start no new experiment until resumed; those in flight finish.")
    static final class Pause extends Signal {
        String action() {
            return "pause";
        }

        String effect() {
            return "no new experiment starts until 'asi-arch campaign resume " + campaignId + "'";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Let a paused campaign go on.")
    static final class Resume extends Signal {
        String action() {
            return "resume";
        }

        String effect() {
            return "new experiments start again";
        }
    }

    @Command(name = "pin", mixinStandardHelpOptions = true,
            description = "Make a pool member the parent of every new experiment, until unpinned.")
    static final class Pin extends Update {

        @Parameters(index = "1", paramLabel = "EXPERIMENT", description = "a member of the campaign's pool, as "
                + "'campaign status' lists it")
        String experimentId;

        String action() {
            return "pin";
        }

        @Override
        Map<String, String> body() {
            return Map.of("experimentId", experimentId);
        }
    }

    @Command(name = "unpin", mixinStandardHelpOptions = true,
            description = "Sample the parents of new experiments from the pool again.")
    static final class Unpin extends Update {
        String action() {
            return "unpin";
        }
    }

    @Command(name = "ban", mixinStandardHelpOptions = true,
            description = "Take an experiment out of the pool: never a parent or reference again.")
    static final class Ban extends Update {

        @Parameters(index = "1", paramLabel = "EXPERIMENT", description = "an experiment the campaign started")
        String experimentId;

        String action() {
            return "ban";
        }

        @Override
        Map<String, String> body() {
            return Map.of("experimentId", experimentId);
        }
    }

    @Command(name = "inject", mixinStandardHelpOptions = true,
            description = "Hand an idea to the Researcher of the next experiment.")
    static final class Inject extends Update {

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "IDEA",
                description = "the idea, in quotes or as several words")
        List<String> words;

        String action() {
            return "inject";
        }

        @Override
        Map<String, String> body() {
            return Map.of("idea", String.join(" ", words));
        }
    }

    /** Experiments finished: the running workflow's count, else what the store recorded. */
    private static int done(JsonNode campaign) {
        JsonNode live = campaign.path("live");
        return live.isObject() ? live.path("completed").asInt() : campaign.path("recorded").asInt();
    }

    /** Experiments asked for, the baseline included. */
    private static int total(JsonNode campaign) {
        return campaign.path("experiments").asInt() + 1;
    }

    private static String number(JsonNode value, String format) {
        return value.isNumber() ? String.format(Locale.ROOT, format, value.asDouble()) : "-";
    }

    private static String join(JsonNode values) {
        StringBuilder text = new StringBuilder();
        values.forEach(v -> text.append(text.length() == 0 ? "" : ", ").append(v.asText()));
        return text.toString();
    }
}
