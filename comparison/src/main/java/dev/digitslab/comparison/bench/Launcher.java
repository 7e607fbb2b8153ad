package dev.digitslab.comparison.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a child {@code digits-lab} is started: the command before its arguments, and what it is, for the header.
 *
 * @param command     the command's first words, e.g. [path/to/bin/digits-lab]
 * @param description e.g. "this application (java 17.0.12, same JVM options)"
 */
public record Launcher(List<String> command, String description) {
    public Launcher {
        command = List.copyOf(command);
    }

    /** Another build's launcher script ({@code --launcher}): a "before" table from the previous commit. */
    public static Launcher script(Path script) {
        return new Launcher(List.of(script.toString()), script.toString());
    }

    /**
     * This application again: the same java, class path and JVM options as this JVM (so a benchmark started from
     * bin/digits-lab times what bin/digits-lab runs).
     */
    public static Launcher thisApplication(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp")) { // a debugger's port can be taken once
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return new Launcher(command, "this application (java " + System.getProperty("java.version")
                + ", this JVM's options and class path)");
    }
}
