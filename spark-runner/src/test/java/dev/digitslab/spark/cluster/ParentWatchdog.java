package dev.digitslab.spark.cluster;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and exits when the parent process is gone, so a master or worker never outlives
 * the JVM that started it, even when that JVM is killed with SIGKILL and its shutdown hooks never run.
 * Usage: ParentWatchdog PARENT_PID MAIN_CLASS [ARGS...]
 */
public final class ParentWatchdog {
    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(ParentWatchdog::parentGone),
                ParentWatchdog::parentGone);
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }

    private static void parentGone() {
        System.err.println("ParentWatchdog: parent process ended; exiting");
        System.exit(0);   // runs Spark's shutdown hooks, which also kill a worker's executors
    }
}
