package dev.digitslab.comparison.report;

import dev.digitslab.comparison.report.ReportDocument.Block;
import java.util.List;

/** Renders a {@link ReportDocument} as GitHub-flavoured Markdown; image paths stay relative. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String render(ReportDocument doc) {
        StringBuilder out = new StringBuilder();
        render(doc.blocks(), out);
        return out.toString();
    }

    private static void render(List<Block> blocks, StringBuilder out) {
        for (Block block : blocks) {
            if (block instanceof ReportDocument.Heading h) {
                if (h.anchor() != null) {
                    out.append("<a id=\"").append(h.anchor()).append("\"></a>\n");
                }
                out.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (block instanceof ReportDocument.Paragraph p) {
                out.append(p.text()).append("\n\n");
            } else if (block instanceof ReportDocument.Table t) {
                out.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
                out.append("---|".repeat(t.header().size())).append('\n');
                for (List<String> row : t.rows()) {
                    out.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                            .append(" |\n");
                }
                out.append('\n');
            } else if (block instanceof ReportDocument.ImageRow r) {
                out.append(String.join(" ", r.images().stream().map(MarkdownRenderer::image).toList())).append("\n\n");
            } else if (block instanceof ReportDocument.Code c) {
                out.append("```").append(c.language()).append('\n').append(c.text().strip()).append("\n```\n\n");
            } else if (block instanceof ReportDocument.Details d) {
                out.append("<details><summary>").append(d.summary()).append("</summary>\n\n");
                render(d.blocks(), out);
                out.append("</details>\n\n");
            }
        }
    }

    private static String image(ReportDocument.Image i) {
        String img = "![" + i.alt() + "](" + i.path() + ")";
        return i.svg() == null ? img : "[" + img + "](" + i.svg() + ")";
    }
}
