package io.aoailab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The report of this build's scenario run, opened as a reviewer opens it: in a real browser (headless Chromium and
 * ChromeDriver from Debian's packages, which {@code .ci/run} installs; Selenium never downloads one). It must show the
 * scenario groups, a failover test with its operator step, the distribution chart and the RBAC matrix; each view is
 * saved as a screenshot under {@code target/report-screenshots}. Runs after the report is generated (Maven's verify
 * phase, {@code -Pproject-tests}); skipped, saying why, where Chromium is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportBrowserCheck {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ChromeDriver browser;
    private static Path screenshots;
    private static String report;

    @BeforeAll
    static void open() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new TestAbortedException("Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "), so the"
                    + " report is not opened in a browser; apt-get install chromium chromium-driver to run this check"
                    + " (CI installs them)");
        }
        Path index = Path.of(System.getProperty("aoailab.report", "reports/allure-report/index.html"));
        assertThat(index).as("the report this build's scenario run generated").isRegularFile();
        report = index.toUri().toString();
        screenshots = Files.createDirectories(Path.of(System.getProperty("aoailab.screenshots",
                "target/report-screenshots")));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1000", "--allow-file-access-from-files");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withTimeout(WAIT).build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebElement shown(String text) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "(//*[not(self::script)][normalize-space(text())=" + literal(text) + "])[last()]")));
    }

    private static WebElement shownContaining(String text) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "(//*[not(self::script)][contains(normalize-space(text())," + literal(text) + ")])[last()]")));
    }

    private static void click(By where) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(where)).click();
    }

    /**
     * Opens a test by its place in the Suites tree: each group is expanded unless it is already (the tree keeps its
     * state while the page lives), then the test is opened.
     */
    private static void openInTree(String... names) {
        browser.get(report + "#suites");
        StringBuilder node = new StringBuilder("//div[contains(@class,'tree')]");
        for (int i = 0; i < names.length; i++) {
            node.append(i == 0 ? "//" : "/div[contains(@class,'node__children')]/")
                    .append("*[contains(concat(' ', @class, ' '), ' node ')][div[contains(@class,'node__title')]")
                    .append("/div[contains(@class,'node__name')][normalize-space()=").append(literal(names[i]))
                    .append("]]");
            By title = By.xpath(node + "/div[contains(@class,'node__title')]");
            By children = By.xpath(node + "/div[contains(@class,'node__children')]");
            boolean leaf = i == names.length - 1;
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(title));
            if (leaf || browser.findElements(children).stream().noneMatch(WebElement::isDisplayed)) {
                click(title);
            }
        }
    }

    /** Opens an attachment of the open test by its name, and returns what shows its content. */
    private static WebElement openAttachment(String name) {
        By row = By.xpath("//div[contains(@class,'attachment-row')][div[contains(@class,'attachment-row__name')]"
                + "[contains(normalize-space(), " + literal(name) + ")]]");
        if (browser.findElements(row).stream().noneMatch(WebElement::isDisplayed)) {
            click(By.xpath("//div[contains(@class,'step__title')][contains(normalize-space(), 'Test body')]"));
        }
        click(row);
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//div[contains(@class,'attachment-row')][div[contains(@class,'attachment-row__name')]"
                        + "[contains(normalize-space(), " + literal(name) + ")]]/following-sibling::*[1]"
                        + "//*[self::iframe or self::img or self::object or local-name()='svg']")));
    }

    // an XPath string literal of any text
    private static String literal(String text) {
        return text.contains("'") ? "concat('" + text.replace("'", "', \"'\", '") + "')" : "'" + text + "'";
    }

    private static Path screenshot(String name) throws IOException {
        return screenshot(name, null);
    }

    /** A screenshot with {@code subject} scrolled to the middle of the view. */
    private static Path screenshot(String name, WebElement subject) throws IOException {
        if (subject != null) {
            browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", subject);
        }
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Test
    @Order(1)
    void the_overview_names_the_target_first() throws IOException {
        browser.get(report);
        shown("Environment");
        List<WebElement> keys = browser.findElements(By.xpath("//div[@data-id='environment']"
                + "//div[contains(@class,'table__row')]/div[contains(@class,'table__col')][1]"));

        assertThat(keys).as("the environment panel's entries").isNotEmpty();
        assertThat(keys.get(0).getText()).as("its first entry").isEqualTo("target");
        assertThat(screenshot("1-overview")).isNotEmptyFile();
    }

    @Test
    @Order(2)
    void the_suites_are_the_scenarios_grouped_by_way_in() throws IOException {
        browser.get(report + "#suites");

        for (String scenario : List.of("Responses API: directly, through APIM and through Foundry",
                "Load balancing: the APIM pool spreads traffic as intended and fails over",
                "RBAC: least privilege, proven by allowed and denied calls")) {
            assertThat(shown(scenario).isDisplayed()).as(scenario).isTrue();
        }
        openInTree("Responses API: directly, through APIM and through Foundry", "through APIM", "with openai-java",
                "a response is completed with consistent usage");
        assertThat(shownContaining("apim[openai-java]: POST").isDisplayed()).as("the call's step").isTrue();
        assertThat(screenshot("2-scenario-groups")).isNotEmptyFile();
    }

    @Test
    @Order(3)
    void a_failover_test_shows_the_operator_taking_the_region_down() throws IOException {
        openInTree("Load balancing: the APIM pool spreads traffic as intended and fails over", "through APIM",
                "with azure-ai-openai", "a throttled region is served around left alone until its retry after and taken back");

        assertThat(shownContaining("operator: throttle East US").isDisplayed()).isTrue();
        assertThat(screenshot("3-failover-test-with-operator-step")).isNotEmptyFile();
    }

    @Test
    @Order(4)
    void the_distribution_chart_is_shown() throws IOException {
        openInTree("Load balancing: the APIM pool spreads traffic as intended and fails over", "through APIM",
                "with azure-ai-openai", "the pool spreads its answers as the intended weights say");
        WebElement chart = openAttachment("Region distribution through APIM with azure-ai-openai");

        assertThat(chart.getSize().getHeight()).as("the chart's height on screen").isGreaterThan(50);
        assertThat(screenshot("4-distribution-chart", chart)).isNotEmptyFile();
    }

    @Test
    @Order(5)
    void the_rbac_matrix_is_shown() throws IOException {
        openInTree("RBAC: least privilege, proven by allowed and denied calls",
                "each persona is allowed exactly what its intended roles grant", "the matrix as measured");
        WebElement frame = openAttachment("RBAC matrix");
        Path shot = screenshot("5-rbac-matrix", frame);
        browser.switchTo().frame(frame);
        String matrix = browser.findElement(By.tagName("body")).getText();
        browser.switchTo().defaultContent();

        assertThat(matrix).contains("minimum", "no-role", "create a response on East US", "query the index");
        assertThat(shot).isNotEmptyFile();
    }
}
