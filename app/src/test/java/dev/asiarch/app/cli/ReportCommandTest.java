package dev.asiarch.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.campaign.LeakingCampaign;
import dev.asiarch.app.web.ServedApplication;
import dev.asiarch.app.web.WithServedApplication;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report}: a finished campaign's self-contained HTML with its plots, and its refusals. */
@WithServedApplication
class ReportCommandTest {

    private static final Pattern INLINE_PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @TempDir
    Path elsewhere;

    private static String data() {
        return ServedApplication.served().dataDir().toString();
    }

    @Test
    void writesASelfContainedReportWithItsPlots() throws Exception {
        String campaign = ServedApplication.served().finishedCampaign();
        Path target = elsewhere.resolve("nested/report.html");
        CliRun run = CliRun.of("report", campaign, "--data-dir", data(), "--out", target.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonNode printed = ApiClient.JSON.readTree(run.out());
        assertThat(printed.path("report").asText()).isEqualTo(target.toAbsolutePath().toString());
        assertThat(printed.path("plots").asInt()).isEqualTo(4);

        String html = Files.readString(target);
        assertThat(html).contains("<h1>Campaign " + campaign + "</h1>").contains("cpu-smoke")
                .contains("Best fitness").contains("Lineage of the winners").contains("Training curves")
                .contains("DeltaNet").contains("<h2>The winners</h2>");
        // Self-contained: nothing is fetched from anywhere.
        assertThat(html).doesNotContain("src=\"http").doesNotContain("<link").doesNotContain("<script");
        Matcher images = INLINE_PNG.matcher(html);
        List<BufferedImage> plots = new ArrayList<>();
        while (images.find()) {
            plots.add(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(images.group(1)))));
        }
        assertThat(plots).hasSize(4).allSatisfy(png -> assertThat(png.getWidth()).isGreaterThanOrEqualTo(900));
    }

    @Test
    void theReportOfACampaignWithALeakFlagsItAndNamesAPlausibleWinner() throws Exception {
        LeakingCampaign.Ids ids = LeakingCampaign.record(
                ServedApplication.served().context().getBean(ExperimentStore.class), "c-leak-report");
        Path target = elsewhere.resolve("leak.html");
        CliRun run = CliRun.of("report", ids.campaign(), "--data-dir", data(), "--out", target.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ApiClient.JSON.readTree(run.out()).path("report").asText()).isEqualTo(target.toAbsolutePath()
                .toString());
        String html = Files.readString(target);
        assertThat(html).contains("<td>TRAINED suspected leak</td>").contains("<h2>Kept out of the pool</h2>")
                .contains(ids.leak() + "</span>: suspected leak: validation loss 1.280 is 47% below the baseline's 2.430");
        String winners = html.substring(html.indexOf("<h2>The winners</h2>"));
        assertThat(winners).contains("<h3>SteadyGate").doesNotContain("PeekAhead");
    }

    @Test
    void writesIntoTheDataFolderByDefault() throws Exception {
        String campaign = ServedApplication.served().finishedCampaign();
        CliRun run = CliRun.of("report", campaign, "--data-dir", data());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        Path report = ServedApplication.served().dataDir().resolve("reports").resolve(campaign + ".html");
        assertThat(run.out()).contains("report of " + campaign + " (3 experiments): " + report.toAbsolutePath());
        assertThat(report).exists();
    }

    @Test
    void namesTheCampaignsThereAreWhenAskedForAnUnknownOne() {
        CliRun run = CliRun.of("report", "c-nope", "--data-dir", data());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("asi-arch report: no campaign 'c-nope' in jdbc:h2:file:")
                .contains("the latest there: ").contains(ServedApplication.served().finishedCampaign());

        CliRun empty = CliRun.of("report", "c-nope", "--data-dir", elsewhere.toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(empty.err()).contains("it holds no campaigns yet (is --data-dir right?)");
    }

    @Test
    void saysWhereItCouldNotWrite() throws Exception {
        Path folder = Files.createDirectories(elsewhere.resolve("a-folder"));
        CliRun run = CliRun.of("report", ServedApplication.served().finishedCampaign(), "--data-dir", data(), "--out",
                folder.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("cannot write the report to " + folder)
                .contains("pass --out with a file in a folder you can write");

        CliRun missing = CliRun.of("report");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("Missing required parameter: 'CAMPAIGN'");
    }
}
