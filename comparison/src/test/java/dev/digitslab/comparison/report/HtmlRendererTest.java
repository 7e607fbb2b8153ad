package dev.digitslab.comparison.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's HTML from the report's Markdown, without a browser (HtmlPageInBrowserTest opens it in one). */
class HtmlRendererTest {
    @TempDir
    Path dir;

    private String page() throws IOException {
        return HtmlRenderer.render(PageFixture.write(dir), "Fixture", dir);
    }

    @Test
    void emphasisAndCodeAreRenderedNotShownAsMarkdown() throws IOException {
        String html = page();
        assertTrue(html.contains("<p><em>This folder is generated: <code>mvn verify</code> rewrites it.</em></p>"),
                html);
        assertFalse(html.contains("*This folder"));
        assertTrue(html.contains("<td>99.94 ± 0.03% of <strong>3</strong></td>"));
    }

    @Test
    void everyTableScrollsInItsOwnBox() throws IOException {
        String html = page();
        assertEquals(count(html, "<table>"), count(html, "<div class=\"table-scroll\" tabindex=\"0\">\n<table>"));
        assertEquals(1, count(html, "<table>"));
    }

    @Test
    void imagesAreEmbeddedAndLinksToFilesBecomeText() throws IOException {
        String html = page();
        assertEquals(2, count(html, "<img src=\"data:image/png;base64,"));
        assertTrue(html.contains("<p class=\"figures\"><img"), "a row of charts wraps as a row");
        assertFalse(html.contains("href=\"study/"), "no links to files beside the page");
        assertFalse(html.contains("src=\"study/"));
        assertTrue(html.contains("Machine-readable: study/results.json."));
        assertTrue(html.contains("<a href=\"#study\">the study</a>"), "in-page links stay");
    }

    @Test
    void aPictureAlreadyOnThePageIsLinkedToNotEmbeddedAgain() throws IOException {
        String html = page();
        assertEquals(2, count(html, "<img "), "the repeated chart is not embedded a second time");
        assertTrue(Pattern.compile("<img src=\"data:image/png;base64,[^\"]+\" alt=\"loss\" id=\"image-1\"")
                .matcher(html).find(), "the first one is named");
        assertTrue(html.contains("<a href=\"#image-1\">loss again: the same image as earlier on this page</a>"),
                html);
    }

    @Test
    void everyLinkWithinThePageLeadsToAnIdOnIt() throws IOException {
        String html = page();
        Matcher links = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
        int checked = 0;
        while (links.find()) {
            assertTrue(html.contains("id=\"" + links.group(1) + "\""), "no id for " + links.group());
            checked++;
        }
        assertTrue(checked >= 3, "the contents, a link in the text and one to a repeated picture: " + checked);
    }

    @Test
    void eachSectionIsCollapsibleAndOpenWithItsHeadingsAnchorAndTheContentsListEverySection() throws IOException {
        String html = page();
        assertTrue(html.contains("<details class=\"section\" open><summary><h2 id=\"summary\">Summary</h2></summary>"));
        assertTrue(html.contains("<details class=\"section\" open><summary><h2 id=\"study\">A study</h2></summary>"));
        assertTrue(html.contains("<h3 id=\"first-experiment-784-512-10\">first experiment: 784-512-10</h3>"));
        assertTrue(html.contains("<details><summary>Exact spec and files</summary>"));
        assertEquals(count(html, "<details"), count(html, "</details>"), "balanced");
        int toc = html.indexOf("<nav class=\"toc\"");
        assertTrue(toc > html.indexOf("<h1>") && toc < html.indexOf("<h2"), "contents before the first section");
        assertTrue(html.contains("<li><a href=\"#summary\">Summary</a></li>"));
        assertTrue(html.contains("<li><a href=\"#study\">A study</a>\n<ol>\n"
                + "<li><a href=\"#first-experiment-784-512-10\">first experiment: 784-512-10</a></li>\n</ol></li>"));
    }

    @Test
    void rawHtmlInTheTextIsEscaped() {
        ReportDocument doc = new ReportDocument().heading(1, "Spec <script>alert(1)</script>", null)
                .paragraph("a <img src=x onerror=alert(1)> b")
                .add(new ReportDocument.Details("<b>bold</b> **strong**", java.util.List.of()));
        String html = HtmlRenderer.render(doc, "t", dir);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("&lt;script&gt;"));
        assertTrue(html.contains("<summary>&lt;b&gt;bold&lt;/b&gt; <strong>strong</strong></summary>"), html);
    }

    private static int count(String text, String part) {
        return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
