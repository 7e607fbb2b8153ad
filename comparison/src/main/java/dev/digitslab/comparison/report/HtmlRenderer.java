package dev.digitslab.comparison.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.Code;
import org.commonmark.node.Document;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * Renders a {@link ReportDocument} as one self-contained HTML page: the Markdown {@link MarkdownRenderer} writes,
 * parsed by commonmark-java (CommonMark with GitHub's tables), so the page and README.md say the same thing.
 * Images are embedded as data URIs and links to the report's files are left as text, so nothing is fetched and the
 * page opens offline; raw HTML in the text is escaped except the two forms the Markdown itself writes (a
 * heading's {@code <a id>} and {@code <details><summary>}).
 *
 * <p>For narrow screens: a table of contents before the first section, each section ({@code ##}) collapsible and
 * open, wide tables scrolling inside their own box, images scaled to the width; the style sheet is
 * {@code page.css} beside this class.
 */
public final class HtmlRenderer {
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    /** The anchor MarkdownRenderer writes before a heading, parsed as inline HTML. */
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([^\"<>]+)\">");
    private static final Pattern DETAILS = Pattern.compile("<details><summary>(.*)</summary>\\s*", Pattern.DOTALL);
    private static final String STYLE = readStyle();

    private HtmlRenderer() {
    }

    /** @param base the folder image paths are relative to */
    public static String render(ReportDocument doc, String title, Path base) {
        return render(MarkdownRenderer.render(doc), title, base);
    }

    static String render(String markdown, String title, Path base) {
        Document root = (Document) PARSER.parse(markdown);
        Map<Node, String> ids = new IdentityHashMap<>();
        List<TableOfContents.Entry> headings = new ArrayList<>();
        prepare(root, base, ids, headings);
        HtmlFragments fragments = new HtmlFragments(ids);

        StringBuilder out = new StringBuilder();
        out.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>""").append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head><body>\n");
        boolean inSection = false;
        boolean tocWritten = false;
        int openDetails = 0;
        for (Node node = root.getFirstChild(); node != null; node = node.getNext()) {
            if (anchor(node) != null) {
                continue;
            }
            if (node instanceof Heading h && h.getLevel() == 2) {
                if (!tocWritten) {
                    out.append(TableOfContents.render(headings));
                    tocWritten = true;
                }
                openDetails = closeDetails(out, openDetails);
                if (inSection) {
                    out.append("</details>\n");
                }
                out.append("<details class=\"section\" open><summary>").append(fragments.render(h).strip())
                        .append("</summary>\n");
                inSection = true;
            } else if (node instanceof HtmlBlock html && DETAILS.matcher(html.getLiteral()).matches()) {
                Matcher m = DETAILS.matcher(html.getLiteral());
                m.matches();
                out.append("<details><summary>").append(fragments.inline(m.group(1).strip())).append("</summary>\n");
                openDetails++;
            } else if (node instanceof HtmlBlock html && html.getLiteral().strip().equals("</details>")
                    && openDetails > 0) {
                out.append("</details>\n");
                openDetails--;
            } else if (node instanceof TableBlock) {
                // Wide tables scroll in their own box; the page itself never scrolls sideways.
                out.append("<div class=\"table-scroll\" tabindex=\"0\">\n").append(fragments.render(node))
                        .append("</div>\n");
            } else {
                out.append(fragments.render(node));
            }
        }
        closeDetails(out, openDetails);
        if (inSection) {
            out.append("</details>\n");
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static int closeDetails(StringBuilder out, int open) {
        out.append("</details>\n".repeat(open));
        return 0;
    }

    /**
     * Embeds images (a picture already on the page becomes a link to it), unlinks links out of the page, and names
     * every heading: by the anchor written before it, else as GitHub would.
     */
    private static void prepare(Document root, Path base, Map<Node, String> ids, List<TableOfContents.Entry> toc) {
        IdGenerator generated = IdGenerator.builder().build();
        String pendingAnchor = null;
        for (Node node = root.getFirstChild(); node != null; node = node.getNext()) {
            String anchor = anchor(node);
            if (anchor != null) {
                pendingAnchor = anchor;
                continue;
            }
            if (node instanceof Heading h) {
                String text = plainText(h);
                String id = pendingAnchor != null ? pendingAnchor : generated.generateId(text);
                ids.put(h, id);
                if (h.getLevel() == 2 || h.getLevel() == 3) {
                    toc.add(new TableOfContents.Entry(h.getLevel(), id, text));
                }
            }
            pendingAnchor = null;
        }
        List<Node> all = new ArrayList<>();
        collect(root, all);
        Map<String, Image> firstWithContent = new HashMap<>();
        int repeated = 0;
        for (Node node : all) {
            if (node instanceof Image image) {
                String uri = dataUri(base, image.getDestination());
                Image first = firstWithContent.putIfAbsent(uri, image);
                if (first == null) {
                    image.setDestination(uri);
                    continue;
                }
                // The same picture again (a study that repeats another's runs draws the same charts): a link to the
                // first, so the page carries each picture once.
                if (!ids.containsKey(first)) {
                    ids.put(first, "image-" + ++repeated);
                }
                Link link = new Link("#" + ids.get(first), null);
                link.appendChild(new Text(plainText(image) + ": the same image as earlier on this page"));
                image.insertBefore(link);
                image.unlink();
            } else if (node instanceof Link link && !link.getDestination().startsWith("#")) {
                // The report's files are beside the page, not in it: their links are left as text.
                Node child = link.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    link.insertBefore(child);
                    child = next;
                }
                link.unlink();
            }
        }
    }

    private static void collect(Node node, List<Node> into) {
        into.add(node);
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            collect(child, into);
        }
    }

    /** The id of a paragraph that is only the anchor MarkdownRenderer writes before a heading, else null. */
    private static String anchor(Node node) {
        if (!(node instanceof Paragraph p) || !(p.getFirstChild() instanceof HtmlInline open)) {
            return null;
        }
        Matcher m = ANCHOR.matcher(open.getLiteral());
        Node close = open.getNext();
        boolean onlyAnchor = close instanceof HtmlInline c && c.getLiteral().equals("</a>") && c.getNext() == null;
        return m.matches() && onlyAnchor ? m.group(1) : null;
    }

    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else {
                text.append(plainText(child));
            }
        }
        return text.toString();
    }

    private static String dataUri(Path base, String path) {
        Path file = base.resolve(path);
        try {
            String mime = path.endsWith(".svg") ? "image/svg+xml" : "image/png";
            return "data:" + mime + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot embed image " + file, e);
        }
    }

    private static String readStyle() {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream("page.css")) {
            if (in == null) {
                throw new IllegalStateException("page.css is missing beside HtmlRenderer");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
