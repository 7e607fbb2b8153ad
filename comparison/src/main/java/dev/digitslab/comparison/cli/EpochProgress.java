package dev.digitslab.comparison.cli;

import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: on a terminal, a progress bar per epoch (batches, samples/s, loss, ETA); otherwise
 * (CI, a pipe) one plain line per epoch.
 */
final class EpochProgress implements TrainingListener {
    private final String label;
    private final int batchSize;
    private final boolean terminal;
    private final PrintWriter out;
    private ProgressBar bar;
    private double lossSum;
    private int lossCount;
    private long epochStart;

    EpochProgress(String label, int batchSize, boolean terminal, PrintWriter out) {
        this.label = label;
        this.batchSize = batchSize;
        this.terminal = terminal;
        this.out = out;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double batchLoss) {
        if (batch == 0) {
            lossSum = 0;
            lossCount = 0;
            epochStart = System.nanoTime();
            if (terminal) {
                bar = new ProgressBarBuilder().setTaskName(label + " epoch " + epoch).setInitialMax(batches)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" batches", 1).showSpeed()
                        .setUpdateIntervalMillis(250).build();
            }
        }
        lossSum += batchLoss;
        lossCount++;
        if (bar != null) {
            bar.stepTo(batch + 1);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f samples/s", lossSum / lossCount,
                    (batch + 1) * (double) batchSize / Math.max(seconds, 1e-9)));
        }
    }

    @Override
    public void onEpoch(EpochRecord r) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        out.printf(Locale.ROOT, "%s epoch %d: %.2f s, training loss %.4f, train acc %.4f, validation loss %.4f, "
                        + "validation acc %.4f%n", label, r.epoch(), r.seconds(), r.trainingLoss(), r.trainAccuracy(),
                r.validationLoss(), r.validationAccuracy());
        out.flush();
    }
}
