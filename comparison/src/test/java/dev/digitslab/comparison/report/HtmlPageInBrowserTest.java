package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small page from {@link PageFixture} in headless Chromium at 1400 and 400 px: usable at both; and the check
 * itself catches each thing it looks for. Skipped, saying so, where no Chromium is installed;
 * {@code ReportPageInBrowserIT} checks the real report in {@code mvn verify}.
 */
class HtmlPageInBrowserTest {
    private static HeadlessChromium chromium;

    @TempDir
    Path dir;

    @BeforeAll
    static void launch() throws IOException {
        Optional<Path> binary = HeadlessChromium.find();
        if (binary.isPresent()) {
            chromium = HeadlessChromium.launch(binary.get());
        } else {
            System.err.println("HtmlPageInBrowserTest: " + HeadlessChromium.notFound());
        }
    }

    /** Per test, so that each is reported as skipped with the reason (an assumption in @BeforeAll hides them). */
    @BeforeEach
    void needsChromium() {
        assumeTrue(chromium != null, HeadlessChromium.notFound());
    }

    @AfterAll
    static void quit() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void theFixturePageIsUsableAtDesktopAndPhoneWidths() throws IOException {
        Path page = dir.resolve("index.html");
        Files.writeString(page, HtmlRenderer.render(PageFixture.write(dir), "Fixture", dir));
        for (int width : new int[] {1400, 400}) {
            HeadlessChromium.Page opened = chromium.open(page, width, 900);
            List<String> problems = opened.check();
            opened.close();
            assertEquals(List.of(), problems, "at " + width + " px");
        }
    }

    @Test
    void theCheckCatchesOverflowBrokenImagesScriptErrorsAndNetworkRequests() throws IOException {
        Path page = dir.resolve("broken.html");
        Files.writeString(page, """
                <!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
                <div style="width:600px">wider than a phone</div>
                <div style="overflow-x:auto"><div style="width:900px">scrolls in its box</div></div>
                <img alt="broken" src="data:image/png;base64,AAAA">
                <img alt="remote" src="https://example.com/chart.png">
                <script>undefinedFunction();</script>
                <script>console.error('reported');</script>
                </body></html>
                """);
        HeadlessChromium.Page opened = chromium.open(page, 400, 900);
        List<String> problems = opened.check();
        opened.close();
        String all = String.join("\n", problems);
        assertTrue(all.contains("the page scrolls sideways: 608 px wide in a 400 px viewport"), all);
        assertTrue(all.contains("sticks out of the 400 px viewport (8 to 608 px): div \"wider than a phone\""), all);
        assertTrue(!all.contains("scrolls in its box"), all);
        assertTrue(all.contains("image did not load: img \"broken\""), all);
        assertTrue(all.contains("image did not load: img \"remote\""), all);
        assertTrue(all.contains("requested from the network: https://example.com/chart.png"), all);
        assertTrue(all.contains("script error: ReferenceError: undefinedFunction is not defined"), all);
        assertTrue(all.contains("console error"), all);
    }
}
