package dev.digitslab.framework.cpu;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Sets a variable in this process's C environment, where native libraries loaded later read it with
 * {@code getenv}. Java cannot ({@link System#getenv()} is a read-only copy made at start-up, and child processes
 * get that copy), so this calls the C library's {@code setenv} through JNA, which Deeplearning4j already brings.
 */
final class ProcessEnvironment {
    private ProcessEnvironment() {
    }

    /** Sets {@code name=value} for native code of this process; false where the C library cannot be reached. */
    static boolean set(String name, String value) {
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            return setenv.invokeInt(new Object[] {name, value, 1}) == 0;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }
}
