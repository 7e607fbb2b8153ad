package dev.digitslab.comparison.cli;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.train.EpochRecord;
import dev.digitslab.api.train.TrainingListener;
import dev.digitslab.comparison.run.StudyRunner;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows one training run's progress, every line within 80 columns: when it starts, a line with the overall
 * progress ("run 2 of 6, 0:05 elapsed, about 0:25 left: multiclass/scratch/seed 43"); on a terminal running one run
 * at a time, a progress bar per epoch with the loss ({@link EpochBarRenderer}); after each epoch, one line with
 * its time, loss and validation accuracy (and with {@code --verbose}, a second with the rest). With runs in
 * parallel, epoch lines name their run by its number.
 */
final class EpochProgress implements TrainingListener {
    /**
     * @param bars     a progress bar per epoch (a terminal, one run at a time)
     * @param numbered epoch lines say which run they belong to (runs in parallel)
     * @param verbose  a second line per epoch with the training-set scores, validation loss and speed
     */
    record Style(boolean bars, boolean numbered, boolean verbose) {
    }

    private final String label;
    private final ExperimentSpec spec;
    private final OverallProgress overall;
    private final Style style;
    private final PrintWriter out;
    private int run;
    private ProgressBar bar;
    private EpochBarRenderer renderer;
    private double lossSum;
    private int lossCount;

    /** @param spec the spec as trained (this run's overrides applied) */
    EpochProgress(String label, ExperimentSpec spec, OverallProgress overall, Style style, PrintWriter out) {
        this.label = label;
        this.spec = spec;
        this.overall = overall;
        this.style = style;
        this.out = out;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double batchLoss) {
        if (run == 0) {
            String line;
            synchronized (overall) { // the number and the line it prints belong together
                line = overall.startRun(label);
                run = overall.lastStarted();
            }
            out.println(line);
            out.flush();
        }
        if (batch == 0) {
            lossSum = 0;
            lossCount = 0;
            if (style.bars()) {
                renderer = new EpochBarRenderer();
                bar = new ProgressBarBuilder().setTaskName("epoch " + epoch + "/" + spec.epochs())
                        .setInitialMax(batches).setRenderer(renderer).setUpdateIntervalMillis(250).build();
            }
        }
        lossSum += batchLoss;
        lossCount++;
        overall.addWork(StudyRunner.estimatedWork(spec) / ((double) spec.epochs() * batches));
        if (bar != null) {
            bar.stepTo(batch + 1);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", lossSum / lossCount));
        }
    }

    @Override
    public void onEpoch(EpochRecord r) {
        overall.epochDone();
        String summary = String.format(Locale.ROOT, "  %sepoch %d/%d: %.2f s, loss %.4f, validation accuracy %.4f",
                style.numbered() ? "run " + run + ", " : "", r.epoch(), spec.epochs(), r.seconds(), r.trainingLoss(),
                r.validationAccuracy());
        if (bar != null) { // the bar's last frame is the summary: one line per epoch stays on the terminal
            renderer.finish(summary);
            bar.close();
            bar = null;
        } else {
            out.println(summary);
        }
        if (style.verbose()) {
            out.printf(Locale.ROOT, "    train loss %.4f, train acc %.4f, validation loss %.4f, %.0f samples/s%n",
                    r.trainLoss(), r.trainAccuracy(), r.validationLoss(),
                    lossCount * (double) spec.batchSize() / Math.max(r.seconds(), 1e-9));
        }
        out.flush();
    }
}
