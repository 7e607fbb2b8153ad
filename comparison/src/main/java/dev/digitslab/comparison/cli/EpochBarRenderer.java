package dev.digitslab.comparison.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBarRenderer;
import me.tongfei.progressbar.ProgressState;

/**
 * Draws an epoch's progress bar in the columns the terminal has, with the loss before the bar's end so that it
 * never falls off a narrow terminal: {@code epoch 2/10 [=====>      ] 77/154 loss 0.4123 0:03 left}. The bar takes
 * the columns left over; below {@link #MIN_BAR} of them it is left out, and what still does not fit is cut. Once the
 * epoch is over, its last frame is the epoch's summary line instead ({@link #finish}), so that the terminal keeps
 * one line per epoch, not a full bar and a summary.
 */
final class EpochBarRenderer implements ProgressBarRenderer {
    static final int MIN_BAR = 5;

    private volatile String summary;

    /** From now on the bar draws this line (cut to the width), e.g. "  epoch 1/2: 2.31 s, loss 0.5123, …". */
    void finish(String summary) {
        this.summary = summary;
    }

    @Override
    public String render(ProgressState progress, int maxLength) {
        String done = summary;
        if (done != null) {
            // Padded: the terminal line is overwritten in place, and the bar it replaces was longer.
            return done.length() <= maxLength ? done + " ".repeat(maxLength - done.length())
                    : done.substring(0, Math.max(maxLength, 0));
        }
        return line(progress.getTaskName(), progress.getCurrent(), progress.getMax(), progress.getExtraMessage(),
                progress.getElapsedAfterStart(), maxLength);
    }

    /**
     * @param task    short, e.g. "epoch 2/10" (the run's name is on its own line above)
     * @param extra   e.g. "loss 0.4123"
     * @param width   columns available
     */
    static String line(String task, long current, long max, String extra, Duration elapsed, int width) {
        String count = String.format("%" + Long.toString(max).length() + "d/%d", current, max); // the bar stays put
        String left = current > 0 && current < max
                ? " " + OverallProgress.duration(elapsed.multipliedBy(max - current).dividedBy(current)) + " left" : "";
        String suffix = " " + count + (extra.isEmpty() ? "" : " " + extra) + left;
        int bar = width - task.length() - 3 - suffix.length(); // " [" and "]"
        String line;
        if (bar >= MIN_BAR) {
            int done = max == 0 ? 0 : (int) (bar * Math.min(current, max) / max);
            StringBuilder b = new StringBuilder(task).append(" [");
            b.append("=".repeat(done));
            if (done < bar) {
                b.append('>').append(" ".repeat(bar - done - 1));
            }
            line = b.append(']').append(suffix).toString();
        } else {
            line = task + suffix;
        }
        return line.length() <= width ? line : line.substring(0, Math.max(width, 0));
    }
}
