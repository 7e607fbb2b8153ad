package dev.digitslab.comparison.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small report with what makes a page hard to read on a phone: a table of twelve columns with long cells, a row
 * of two 720 px charts, a long spec line, a word with no place to break, a collapsed section; and a chart that a
 * second study repeats byte for byte.
 */
final class PageFixture {
    private PageFixture() {
    }

    /** Writes the charts into {@code dir} and returns the document over them. */
    static ReportDocument write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("study"));
        chart(dir.resolve("study/loss.png"), 720, 420, Color.BLUE);
        chart(dir.resolve("study/accuracy.png"), 720, 420, Color.RED);
        List<String> header = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            header.add("column number " + c);
            row.add("99.94 ± 0.03% of **" + c + "**");
        }
        ReportDocument doc = new ReportDocument();
        doc.heading(1, "Fixture report", null);
        doc.paragraph("*This folder is generated: `mvn verify` rewrites it.*");
        doc.heading(2, "Summary", "summary");
        doc.table(header, List.of(row, row));
        doc.paragraph("Environment: **cpu** " + "x".repeat(300) + "; see [the study](#study).");
        doc.heading(2, "A study", "study");
        doc.heading(3, "first experiment: 784-512-10", null);
        doc.imageRow(List.of(new ReportDocument.Image("study/loss.png", "loss", "study/loss.svg"),
                new ReportDocument.Image("study/accuracy.png", "accuracy", null)));
        doc.add(new ReportDocument.Details("Exact spec and files", List.of(
                new ReportDocument.Code("yaml", "name: first\nlayers: [" + "{dense: 512}, ".repeat(40) + "]"),
                new ReportDocument.Paragraph("Machine-readable: [study/results.json](study/results.json)."))));
        // A second study whose runs repeat the first's: its loss chart is the same file, byte for byte.
        Files.createDirectories(dir.resolve("again"));
        Files.copy(dir.resolve("study/loss.png"), dir.resolve("again/loss.png"));
        doc.heading(2, "The same runs again", "again");
        doc.imageRow(List.of(new ReportDocument.Image("again/loss.png", "loss again", null)));
        return doc;
    }

    private static void chart(Path file, int width, int height, Color color) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(color);
        g.drawLine(0, height - 1, width - 1, 0);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
