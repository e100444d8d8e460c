package dev.asiarch.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asiarch.activities.store.ExperimentStore;
import dev.asiarch.app.campaign.LeakingCampaign;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs): a finished campaign's leaderboard, an experiment's diff, and pause, inject and pin on a
 * running campaign.
 */
@WithServedApplication
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static WebDriver browser;

    @BeforeAll
    static void openBrowser(@TempDir Path profile) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)";
        // CI installs them and says so, so there a missing browser fails instead of skipping.
        assertThat(installed || System.getenv("ASI_ARCH_REQUIRE_BROWSER") == null).as(missing).isTrue();
        assumeTrue(installed, missing);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Chromium's own background traffic has nowhere to go on a closed network, so it is switched off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String base() {
        return ServedApplication.served().baseUrl();
    }

    private static WebDriverWait waiting(Duration timeout) {
        return new WebDriverWait(browser, timeout);
    }

    /** The token once in the address, as a user opens a protected dashboard; a cookie carries it after that. */
    private static void signIn() {
        browser.get(base() + "?token=" + ServedApplication.TOKEN);
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(base()));
    }

    private static void click(By target) {
        waiting(Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(page -> {
            page.findElement(target).click();
            return true;
        });
    }

    @Test
    void showsAFinishedCampaignsLeaderboardAndAnExperimentsDiff() {
        signIn();
        String campaign = ServedApplication.served().finishedCampaign();
        WebElement link = waiting(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#campaigns tr[data-campaign='" + campaign + "'] a.campaign-link")));
        link.click();

        List<WebElement> rows = waiting(Duration.ofSeconds(20)).until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#leaderboard tbody tr"), 3));
        assertThat(rows.get(0).getText()).contains("TRAINED");
        assertThat(browser.findElement(By.id("campaign-status")).getText()).isEqualTo("FINISHED");
        assertThat(browser.findElement(By.id("leaderboard")).getText()).contains("DeltaNet").contains("baseline");
        assertThat(browser.findElements(By.cssSelector("#lineage li"))).hasSize(3);
        assertThat(browser.findElement(By.id("fitness-chart")).getSize().getHeight()).isPositive();

        String experiment = campaign + "-e001";
        browser.findElement(By.cssSelector("#leaderboard tr[data-experiment='" + experiment + "'] a.experiment-link"))
                .click();
        waiting(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("diff")));
        assertThat(browser.findElement(By.id("diff")).findElements(By.cssSelector(".added"))).isNotEmpty();
        assertThat(browser.findElement(By.id("diff")).findElements(By.cssSelector(".removed"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#diff .header")).getText()).isEqualTo("--- DeltaNet");
        assertThat(browser.findElement(By.id("curves-chart")).getSize().getHeight()).isPositive();
        assertThat(browser.findElement(By.id("analysis")).getText()).contains("Analysis");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void flagsASuspectedLeakOnTheLeaderboardTheLineageAndItsOwnPage() {
        LeakingCampaign.Ids ids = LeakingCampaign.record(
                ServedApplication.served().context().getBean(ExperimentStore.class), "c-leak-browser");
        signIn();
        browser.get(base() + "#/campaign/" + ids.campaign());

        List<WebElement> rows = waiting(Duration.ofSeconds(20)).until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#leaderboard tbody tr"), 5));
        assertThat(rows.get(0).getAttribute("data-experiment")).isEqualTo(ids.plausible());
        assertThat(rows.get(0).getText()).doesNotContain("suspected leak");
        assertThat(rows.get(3).getAttribute("data-experiment")).isEqualTo(ids.leak());
        assertThat(rows.get(3).getText()).contains("TRAINED").contains("suspected leak");
        assertThat(browser.findElement(By.id("kept-out")).getText())
                .contains("suspected leaks rank below every plausible candidate")
                .contains("PeekAhead (e002): suspected leak: validation loss 1.280 is 47% below the baseline's 2.430");
        assertThat(browser.findElement(By.id("lineage")).getText()).contains("suspected leak");

        rows.get(3).findElement(By.cssSelector("a.experiment-link")).click();
        WebElement verdict = waiting(Duration.ofSeconds(20)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("kept-out-of-pool")));
        assertThat(verdict.getText()).startsWith("Candidate filter: suspected leak: validation loss 1.280");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("PeekAhead").contains("suspected leak");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }

    @Test
    void pausesARunningCampaignFromItsPageAndSteersIt() throws Exception {
        signIn();
        JsonNode started = ServedApplication.call(base(), "POST", "api/campaigns",
                "{\"experiments\": 20, \"profile\": \"cpu-smoke\", \"seed\": 5}");
        String campaign = started.path("id").asText();
        int atPause;
        try {
            browser.get(base() + "#/campaign/" + campaign);
            WebElement pause = waiting(Duration.ofSeconds(30)).until(
                    ExpectedConditions.elementToBeClickable(By.id("pause-button")));
            pause.click();

            waiting(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("paused-note")));
            JsonNode live = ServedApplication.call(base(), "GET", "api/campaigns/" + campaign, null).path("live");
            assertThat(live.path("steering").path("paused").asBoolean()).isTrue();
            assertThat(live.path("steering").path("log").toString()).contains("pause");
            // What had finished and what was in flight when the pause arrived: nothing else may run.
            atPause = live.path("completed").asInt() + live.path("running").size();
            waiting(Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(By.id("campaign-status"), "PAUSED"));
            assertThat(browser.findElement(By.id("in-flight")).getText()).isNotEmpty();

            // The page redraws every few seconds, so each element is looked up again until the action lands.
            waiting(Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class).until(page -> {
                WebElement idea = page.findElement(By.id("idea"));
                idea.clear();
                idea.sendKeys("try a forget gate on the delta rule");
                return true;
            });
            click(By.id("inject-button"));
            waiting(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("steering-log"), "inject: \"try a forget gate on the delta rule\""));
            String baseline = campaign + "-e000";
            click(By.cssSelector("#leaderboard tr[data-experiment='" + baseline + "'] .pin-button"));
            waiting(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("steering-log"), "pin " + baseline + ": the parent of every new experiment"));
            JsonNode steering = ServedApplication.call(base(), "GET", "api/campaigns/" + campaign, null)
                    .path("live").path("steering");
            assertThat(steering.path("pinned").asText()).isEqualTo(baseline);
            assertThat(steering.path("ideas").get(0).asText()).isEqualTo("try a forget gate on the delta rule");
        } finally {
            // The shared application serves the next tests: the campaign ends here, whatever happened above.
            ServedApplication.call(base(), "POST", "api/campaigns/" + campaign + "/stop", "{}");
            ServedApplication.awaitEnd(campaign, Duration.ofMinutes(2));
        }
        JsonNode stopped = ServedApplication.call(base(), "GET", "api/campaigns/" + campaign, null);
        assertThat(stopped.path("status").asText()).isEqualTo("STOPPED");
        assertThat(stopped.path("recorded").asInt()).isLessThanOrEqualTo(atPause).isLessThan(21);
    }
}
