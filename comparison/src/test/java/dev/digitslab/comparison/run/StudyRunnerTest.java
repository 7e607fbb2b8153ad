package dev.digitslab.comparison.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.testing.ReferenceSpecs;
import dev.digitslab.comparison.catalogue.Study;
import dev.digitslab.comparison.catalogue.StudyKind;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A task the executor could not run (a lost cluster, an executor that died for good) becomes failed runs in its study,
 * with the executor's reason, in the place the runs would have had: never a run silently missing from the report.
 */
class StudyRunnerTest {
    /** An executor that loses every task, as a cluster does when it goes away. */
    private static final class LosingExecutor implements TaskExecutor {
        final List<String> submitted = new ArrayList<>();

        @Override
        public int threadsPerTask() {
            return 1;
        }

        @Override
        public String describe() {
            return "an executor that loses every task";
        }

        @Override
        public List<CompletableFuture<TaskOutcome>> submit(List<RunTask> tasks) {
            return tasks.stream().map(t -> {
                submitted.add(t.label());
                return CompletableFuture.<TaskOutcome>failedFuture(new IllegalStateException("executor lost"));
            }).toList();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void tasksThatCannotRunBecomeFailedRunsInPlanOrder() {
        ExperimentSpec spec = ReferenceSpecs.oneHiddenLayer("lost", 4, 1).withSeeds(List.of(1L, 2L));
        LosingExecutor executor = new LosingExecutor();
        StudyRunner runner = new StudyRunner(RunOptions.defaults());

        StudyResults comparison = runner.run(new Study("lost", StudyKind.COMPARISON, "lost", null, List.of(spec)),
                executor);
        assertEquals(List.of("framework/1", "scratch/1", "framework/2", "scratch/2"),
                comparison.runs().stream().map(r -> r.implementation() + "/" + r.seed()).toList());
        for (RunResult run : comparison.runs()) {
            assertEquals(RunResult.FAILED, run.status());
            assertEquals("executor lost", run.error());
        }
        assertTrue(comparison.pairs().isEmpty());
        assertEquals("an executor that loses every task", comparison.environment().get("execution"));

        StudyResults transfer = runner.run(new Study("lost-transfer", StudyKind.WEIGHT_TRANSFER, "lost", null,
                List.of(spec)), executor);
        assertEquals(List.of("framework", "scratch"), transfer.runs().stream().map(RunResult::implementation).toList());
        assertTrue(transfer.runs().stream().noneMatch(RunResult::ok));
        assertEquals(5, executor.submitted.size());
    }
}
