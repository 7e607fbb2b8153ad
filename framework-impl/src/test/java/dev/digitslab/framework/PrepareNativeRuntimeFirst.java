package dev.digitslab.framework;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares the native runtime (OpenBLAS's kernels chosen, JavaCPP's memory polling off) when a test JVM's session
 * opens, before any test class can load ND4J, so every Surefire fork of this module computes with the kernels the
 * application would: tests that build networks directly never pass through {@link FrameworkTrainer}, which
 * prepares it in the application.
 */
public final class PrepareNativeRuntimeFirst implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NativeRuntime.prepare();
    }
}
