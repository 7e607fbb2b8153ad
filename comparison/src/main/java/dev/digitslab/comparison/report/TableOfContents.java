package dev.digitslab.comparison.report;

import java.util.List;

/** The page's table of contents: its sections ({@code ##}) with their subsections ({@code ###}) nested. */
final class TableOfContents {
    record Entry(int level, String id, String text) {
    }

    private TableOfContents() {
    }

    static String render(List<Entry> entries) {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<nav class=\"toc\" aria-label=\"Contents\"><details open>"
                + "<summary>Contents</summary>\n<ol>\n");
        boolean nested = false;
        boolean itemOpen = false;
        for (Entry e : entries) {
            String link = "<a href=\"#" + HtmlRenderer.escape(e.id()) + "\">" + HtmlRenderer.escape(e.text()) + "</a>";
            if (e.level() > 2 && itemOpen) {
                out.append(nested ? "" : "\n<ol>\n").append("<li>").append(link).append("</li>\n");
                nested = true;
                continue;
            }
            if (nested) {
                out.append("</ol>");
                nested = false;
            }
            if (itemOpen) {
                out.append("</li>\n");
            }
            out.append("<li>").append(link);
            itemOpen = true;
        }
        out.append(nested ? "</ol>" : "").append(itemOpen ? "</li>\n" : "").append("</ol>\n</details></nav>\n");
        return out.toString();
    }
}
