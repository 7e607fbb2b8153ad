package dev.digitslab.comparison.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Run k of n, the time elapsed and the time left, within 80 columns. */
class OverallProgressTest {
    private final AtomicLong now = new AtomicLong();

    private void advance(long seconds) {
        now.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void countsRunsAndEstimatesTheTimeLeftFromTheWorkDone() {
        OverallProgress progress = new OverallProgress(4, 400, now::get);
        assertEquals("run 1 of 4, 0:00 elapsed: multiclass/scratch/seed 42", progress.startRun(
                "multiclass/scratch/seed 42"));
        progress.addWork(50);
        advance(30);
        progress.addWork(50);
        assertEquals("run 2 of 4, 0:30 elapsed: multiclass/scratch/seed 43", progress.startRun(
                "multiclass/scratch/seed 43"), "no estimate before an epoch has finished");
        progress.epochDone(); // a quarter in 30 s: 90 s to go
        assertEquals("run 3 of 4, 0:30 elapsed, about 1:30 left: multiclass/framework/seed 42",
                progress.startRun("multiclass/framework/seed 42"));
        assertEquals(3, progress.lastStarted());
    }

    @Test
    void aLongLabelGoesOnItsOwnLine() {
        OverallProgress progress = new OverallProgress(48, 1, now::get);
        for (int i = 0; i < 11; i++) {
            progress.startRun("x");
        }
        progress.addWork(0.25);
        advance(3723);
        progress.addWork(0.25);
        progress.epochDone();
        String lines = progress.startRun("regularisation-dropout-batch-norm/framework/seed 44");
        assertEquals("run 12 of 48, 1:02:03 elapsed, about 1:02:03 left:" + System.lineSeparator()
                + "  regularisation-dropout-batch-norm/framework/seed 44", lines);
    }

    @Test
    void durationsAreMinutesAndSecondsThenHours() {
        assertEquals("0:07", OverallProgress.duration(Duration.ofSeconds(7)));
        assertEquals("59:59", OverallProgress.duration(Duration.ofSeconds(3599)));
        assertEquals("1:00:00", OverallProgress.duration(Duration.ofHours(1)));
    }
}
