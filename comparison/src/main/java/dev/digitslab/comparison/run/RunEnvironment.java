package dev.digitslab.comparison.run;

import dev.digitslab.api.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The facts a report records so that a run can be repeated: JDK, OS, CPU, threads, library versions. */
public final class RunEnvironment {
    private RunEnvironment() {
    }

    /** The facts of this JVM and machine, of the given implementations, and the threads each run computed with. */
    public static Map<String, String> describe(List<Trainer> trainers, int threadsPerRun) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("java.version", System.getProperty("java.version"));
        env.put("java.vendor", System.getProperty("java.vendor"));
        env.put("java.vm", System.getProperty("java.vm.name"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("cpu", cpuModel().orElse("unknown"));
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("threads per run", Integer.toString(threadsPerRun));
        env.put("OMP_NUM_THREADS", Optional.ofNullable(System.getenv("OMP_NUM_THREADS")).orElse("(unset)"));
        for (Trainer trainer : trainers) {
            env.put(trainer.id(), trainer.description());
            env.put(trainer.id() + ".threads", Integer.toString(trainer.threadsFor(threadsPerRun)));
            trainer.environment().forEach((k, v) -> env.put(trainer.id() + "." + k, v));
        }
        return env;
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
