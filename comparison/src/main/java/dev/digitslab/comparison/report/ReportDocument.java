package dev.digitslab.comparison.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks, rendered to Markdown (reports/README.md) by {@link MarkdownRenderer}, and that
 * Markdown to a self-contained HTML page (reports/index.html) by {@link HtmlRenderer}, so both say the same thing.
 */
public final class ReportDocument {
    private final List<Block> blocks = new ArrayList<>();

    public sealed interface Block {
    }

    /** level 1-3 */
    public record Heading(int level, String text, String anchor) implements Block {
    }

    /** CommonMark inline text: *emphasis*, **bold**, `code` and [links](#anchor) render as such. */
    public record Paragraph(String text) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /** An image file relative to the report folder, with alt text; {@code svg} if an SVG sibling exists. */
    public record Image(String path, String alt, String svg) {
    }

    /** Several images side by side. */
    public record ImageRow(List<Image> images) implements Block {
    }

    /** Preformatted text, e.g. a spec. */
    public record Code(String language, String text) implements Block {
    }

    /** A collapsible section around blocks (plain in Markdown). */
    public record Details(String summary, List<Block> blocks) implements Block {
    }

    public ReportDocument heading(int level, String text, String anchor) {
        blocks.add(new Heading(level, text, anchor));
        return this;
    }

    public ReportDocument paragraph(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    public ReportDocument table(List<String> header, List<List<String>> rows) {
        blocks.add(new Table(header, rows));
        return this;
    }

    public ReportDocument imageRow(List<Image> images) {
        blocks.add(new ImageRow(images));
        return this;
    }

    public ReportDocument add(Block block) {
        blocks.add(block);
        return this;
    }

    public List<Block> blocks() {
        return List.copyOf(blocks);
    }
}
