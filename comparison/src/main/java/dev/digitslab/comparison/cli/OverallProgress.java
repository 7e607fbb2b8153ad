package dev.digitslab.comparison.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress over a whole {@code run}: which training run of how many is starting, the time since the command
 * started, and the time left, estimated from the work done so far. A run's work is the study runner's estimate
 * (epochs × training images × network width), shared out evenly over its batches; the rate is work per wall-clock
 * second since the first batch (loading data is not training), so runs in parallel simply make it higher. No
 * estimate is given before some epoch has finished: a few batches predict nothing. Thread-safe: parallel runs
 * report into one instance.
 */
final class OverallProgress {
    /** Lines are kept within an 80-column terminal. */
    static final int WIDTH = 80;

    private final int runs;
    private final double totalWork;
    private final LongSupplier nanoTime;
    private final long start;
    private int started;
    private double doneWork;
    private long firstWork;
    private boolean epochDone;

    /**
     * @param runs      training runs the command will make
     * @param totalWork their estimated work, summed
     * @param nanoTime  the clock ({@code System::nanoTime}; tests pass their own)
     */
    OverallProgress(int runs, double totalWork, LongSupplier nanoTime) {
        this.runs = runs;
        this.totalWork = totalWork;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    /** Counts a run as started and returns its line, e.g. "run 2 of 6, 0:05 elapsed, about 0:25 left: LABEL". */
    synchronized String startRun(String label) {
        started++;
        return fit(String.format(Locale.ROOT, "run %d of %d, %s:", started, runs, times()), label);
    }

    /** The number the last {@link #startRun} gave its run. */
    synchronized int lastStarted() {
        return started;
    }

    synchronized void addWork(double work) {
        if (doneWork == 0) {
            firstWork = nanoTime.getAsLong();
        }
        doneWork += work;
    }

    /** Some run finished an epoch: from now on the rate is worth an estimate. */
    synchronized void epochDone() {
        epochDone = true;
    }

    /** "0:05 elapsed, about 0:25 left", or just the elapsed time while nothing has been done to estimate from. */
    synchronized String times() {
        long now = nanoTime.getAsLong();
        String text = duration(Duration.ofNanos(now - start)) + " elapsed";
        if (epochDone && doneWork > 0 && now > firstWork) {
            double left = (now - firstWork) * Math.max(totalWork - doneWork, 0) / doneWork;
            text += ", about " + duration(Duration.ofNanos((long) left)) + " left";
        }
        return text;
    }

    /** "head tail" on one line if it fits {@link #WIDTH} columns, else the tail indented on a line of its own. */
    static String fit(String head, String tail) {
        String line = head + " " + tail;
        return line.length() < WIDTH ? line : head + System.lineSeparator() + "  " + tail;
    }

    /** m:ss, or h:mm:ss from an hour. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
