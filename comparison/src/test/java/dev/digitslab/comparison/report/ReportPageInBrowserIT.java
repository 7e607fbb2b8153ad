package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.digitslab.comparison.cli.DigitsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The report's index.html in headless Chromium, offline, at 1400 and 400 px: every image loads, nothing sticks
 * out sideways (wide tables scroll in their own box), no script or console error; with screenshots of its top and
 * of the summary table at both widths beside it, in {@code screenshots/}.
 *
 * <p>In {@code mvn verify} this runs after the report run rewrote {@code reports/} (comparison/pom.xml binds it
 * so) and checks that page; with {@code -DskipReports} it renders the committed results into
 * {@code target/report-page/} and checks that instead, leaving {@code reports/} untouched. Skipped, saying so,
 * where no Chromium is installed.
 */
class ReportPageInBrowserIT {
    private static final int[] WIDTHS = {1400, 400};
    private static final int HEIGHT = 900;

    @Test
    void theReportPageIsUsableAtDesktopAndPhoneWidths() throws IOException {
        Optional<Path> binary = HeadlessChromium.find();
        if (binary.isEmpty()) {
            System.err.println("ReportPageInBrowserIT: " + HeadlessChromium.notFound());
        }
        assumeTrue(binary.isPresent(), HeadlessChromium.notFound());
        Path page = page();
        Path screenshots = page.resolveSibling("screenshots");
        Files.createDirectories(screenshots);
        List<String> problems = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.launch(binary.get())) {
            for (int width : WIDTHS) {
                HeadlessChromium.Page opened = chromium.open(page, width, HEIGHT);
                Files.write(screenshots.resolve("top-" + width + "px.png"), opened.screenshot());
                opened.scrollTo("summary");
                Files.write(screenshots.resolve("summary-" + width + "px.png"), opened.screenshot());
                opened.check().forEach(p -> problems.add("at " + width + " px: " + p));
                opened.close();
            }
        }
        assertEquals(List.of(), problems, "problems on " + page);
    }

    /** reports/index.html as the report run just wrote it, or with -DskipReports one rendered from its results. */
    private static Path page() throws IOException {
        Path reports = Path.of(System.getProperty("digitslab.reports.dir", "../reports"));
        if (!Boolean.parseBoolean(System.getProperty("digitslab.reports.skipped", "true"))) {
            return reports.resolve("index.html");
        }
        Path rendered = Path.of(System.getProperty("digitslab.build.dir", "target"), "report-page");
        int code = DigitsLab.execute("report", "--from", reports.toString(), "--out", rendered.toString());
        assertEquals(0, code, "digits-lab report --from " + reports + " --out " + rendered);
        return rendered.resolve("index.html");
    }
}
