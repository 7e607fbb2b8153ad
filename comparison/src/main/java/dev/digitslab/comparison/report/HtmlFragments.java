package dev.digitslab.comparison.report;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Image;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Parsed Markdown to HTML with commonmark-java, for {@link dev.digitslab.comparison.report.HtmlRenderer}: raw HTML
 * in the text escaped, headings (and images linked to) given the ids chosen for them, rows of images marked to wrap,
 * embedded PNGs given the width to show them at.
 */
final class HtmlFragments {
    private static final String PNG = "data:image/png;base64,";
    private static final Parser INLINE = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final HtmlRenderer renderer;
    private final HtmlRenderer inlineRenderer;

    /** @param ids each heading's id, and each image's that a link points to, by identity */
    HtmlFragments(Map<Node, String> ids) {
        this.renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create()))
                .escapeHtml(true)
                .attributeProviderFactory(context -> (node, tag, attributes) -> {
                    if ((node instanceof Heading || node instanceof Image) && ids.containsKey(node)) {
                        attributes.put("id", ids.get(node));
                    }
                    if (node instanceof Paragraph p && onlyImages(p)) {
                        attributes.put("class", "figures");
                    } else if (node instanceof Image image && image.getDestination().startsWith(PNG)) {
                        // charts are drawn at 2x for sharpness; shown at their 1x width
                        attributes.put("width", Integer.toString(HighDensityPng.displayWidth(
                                Base64.getDecoder().decode(image.getDestination().substring(PNG.length())))));
                    }
                })
                .build();
        this.inlineRenderer = HtmlRenderer.builder().escapeHtml(true).omitSingleParagraphP(true).build();
    }

    /** Whether a paragraph holds images only (a row of charts), which then wrap as a row. */
    private static boolean onlyImages(Paragraph p) {
        boolean any = false;
        for (Node child = p.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Image) {
                any = true;
            } else if (!(child instanceof SoftLineBreak) && !(child instanceof Text t && t.getLiteral().isBlank())) {
                return false;
            }
        }
        return any;
    }

    String render(Node node) {
        return renderer.render(node);
    }

    /** One line of Markdown as inline HTML (no paragraph around it). */
    String inline(String markdown) {
        return inlineRenderer.render(INLINE.parse(markdown)).strip();
    }
}
