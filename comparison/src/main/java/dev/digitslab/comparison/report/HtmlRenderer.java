package dev.digitslab.comparison.report;

import dev.digitslab.comparison.report.ReportDocument.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link ReportDocument} as one self-contained HTML page: images are embedded as data URIs,
 * styles are inline, nothing is fetched, so it opens offline.
 */
public final class HtmlRenderer {
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)]+)\\)");

    private HtmlRenderer() {
    }

    /** @param base the folder image paths are relative to */
    public static String render(ReportDocument doc, String title, Path base) {
        StringBuilder out = new StringBuilder();
        out.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>""").append(escape(title)).append("""
                </title>
                <style>
                body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1100px;margin:2em auto;
                padding:0 1em;color:#222;line-height:1.5}
                table{border-collapse:collapse;margin:1em 0;font-size:.92em}
                th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}
                tr:nth-child(even) td{background:#fafafa}
                img{max-width:100%;margin:.3em}code,pre{background:#f5f5f5;border-radius:3px}
                pre{padding:.8em;overflow-x:auto}details{margin:1em 0}summary{cursor:pointer;font-weight:600}
                h1,h2,h3{line-height:1.2}
                </style></head><body>
                """);
        render(doc.blocks(), out, base);
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void render(List<Block> blocks, StringBuilder out, Path base) {
        for (Block block : blocks) {
            if (block instanceof ReportDocument.Heading h) {
                out.append("<h").append(h.level());
                if (h.anchor() != null) {
                    out.append(" id=\"").append(escape(h.anchor())).append('"');
                }
                out.append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof ReportDocument.Paragraph p) {
                out.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof ReportDocument.Table t) {
                out.append("<table><thead><tr>");
                t.header().forEach(c -> out.append("<th>").append(inline(c)).append("</th>"));
                out.append("</tr></thead><tbody>\n");
                for (List<String> row : t.rows()) {
                    out.append("<tr>");
                    row.forEach(c -> out.append("<td>").append(inline(c)).append("</td>"));
                    out.append("</tr>\n");
                }
                out.append("</tbody></table>\n");
            } else if (block instanceof ReportDocument.ImageRow r) {
                out.append("<div>");
                r.images().forEach(i -> out.append(image(i, base)));
                out.append("</div>\n");
            } else if (block instanceof ReportDocument.Code c) {
                out.append("<pre><code>").append(escape(c.text().strip())).append("</code></pre>\n");
            } else if (block instanceof ReportDocument.Details d) {
                out.append("<details><summary>").append(inline(d.summary())).append("</summary>\n");
                render(d.blocks(), out, base);
                out.append("</details>\n");
            }
        }
    }

    private static String image(ReportDocument.Image i, Path base) {
        try {
            byte[] bytes = Files.readAllBytes(base.resolve(i.path()));
            boolean svg = i.path().endsWith(".svg");
            String mime = svg ? "image/svg+xml" : "image/png";
            String width = svg ? "" : " width=\"" + HighDensityPng.displayWidth(bytes) + "\""; // 2x PNGs at 1x
            return "<img alt=\"" + escape(i.alt()) + "\"" + width + " src=\"data:" + mime + ";base64,"
                    + Base64.getEncoder().encodeToString(bytes) + "\">";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot embed image " + base.resolve(i.path()), e);
        }
    }

    /** Escapes text, then turns the small Markdown subset the report uses into HTML. */
    static String inline(String text) {
        String s = escape(text);
        s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
        s = CODE.matcher(s).replaceAll("<code>$1</code>");
        Matcher m = LINK.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String href = m.group(2);
            // Links to report files do not exist inside a single page: keep in-page anchors only.
            m.appendReplacement(sb, Matcher.quoteReplacement(href.startsWith("#")
                    ? "<a href=\"" + href + "\">" + m.group(1) + "</a>" : m.group(1)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
