package dev.digitslab.datasets;

import java.util.ArrayList;
import java.util.List;

/** Kaggle-layout MNIST CSV text made from real images, for tests. */
final class CsvFiles {
    private CsvFiles() {
    }

    /** The first {@code count} real MNIST test images as Kaggle-layout CSV lines, header first. */
    static List<String> realLines(int count) {
        LabelledImages test = RealMnist.dataset().test();
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("label");
        for (int p = 0; p < 784; p++) {
            header.append(",pixel").append(p);
        }
        lines.add(header.toString());
        for (int i = 0; i < count; i++) {
            StringBuilder row = new StringBuilder().append(test.label(i));
            for (int p = 0; p < 784; p++) {
                row.append(',').append(test.pixel(i, p));
            }
            lines.add(row.toString());
        }
        return lines;
    }
}
