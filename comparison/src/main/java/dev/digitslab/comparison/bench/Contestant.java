package dev.digitslab.comparison.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitslab.datasets.MnistFile;
import dev.digitslab.datasets.MnistFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A column of the table: something that trains a workload in a child process and says how long each epoch took. */
sealed interface Contestant {
    ObjectMapper JSON = new ObjectMapper();

    /** The column heading. */
    String label();

    /** Why it cannot train this workload at all (the cell reads "–"), or empty. */
    Optional<String> cannotRun(Workload workload);

    /** The child's command, to run in {@code dir} (an empty folder of its own). */
    List<String> command(Workload workload, int epochs, Integer subset, Path dir) throws IOException;

    /** What the child's environment adds to this process's. */
    Map<String, String> environment();

    /**
     * Reads the epoch times (and test accuracy) of a child that exited with 0.
     *
     * @throws IOException (or a runtime exception) when its output does not hold them
     */
    Timings timings(String stdout, Path dir) throws IOException;

    /** What a child measured: per-epoch seconds, epoch 1 first, and the final test accuracy (null if unknown). */
    record Timings(List<Double> epochSeconds, Double testAccuracy) {
    }

    /**
     * One of the project's implementations, through {@code digits-lab run --impl ID} of a launcher with the
     * project's defaults; the times are those its results.json records (read as a plain JSON tree, so results of
     * another build read too).
     *
     * @param environment the launcher's thread settings, where this process lacks them
     */
    record Project(String implementation, Launcher launcher, Map<String, String> environment) implements Contestant {
        @Override
        public String label() {
            return implementation;
        }

        @Override
        public Optional<String> cannotRun(Workload workload) {
            return Optional.empty();
        }

        @Override
        public List<String> command(Workload workload, int epochs, Integer subset, Path dir) throws IOException {
            Path spec = dir.resolve(workload.name() + ".yaml");
            Files.writeString(spec, workload.specText(), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>(launcher.command());
            command.addAll(List.of("run", "--spec", spec.toString(), "--impl", implementation,
                    "--epochs", Integer.toString(epochs), "--out", dir.resolve("out").toString(), "--parallel", "1"));
            if (subset != null) {
                command.addAll(List.of("--subset", subset.toString()));
            }
            return command;
        }

        @Override
        public Timings timings(String stdout, Path dir) throws IOException {
            Path file;
            try (var studies = Files.list(dir.resolve("out"))) {
                file = studies.map(s -> s.resolve("results.json")).filter(Files::isRegularFile).findFirst()
                        .orElseThrow(() -> new IOException("no results.json in " + dir.resolve("out")));
            }
            JsonNode run = JSON.readTree(file.toFile()).path("runs").path(0);
            if (!"ok".equals(run.path("status").asText())) {
                throw new IOException("the run failed: " + run.path("error").asText("(no reason given)"));
            }
            List<Double> seconds = new ArrayList<>();
            for (JsonNode epoch : run.path("history")) {
                seconds.add(epoch.path("seconds").asDouble());
            }
            JsonNode accuracy = run.path("test").path("accuracy");
            return new Timings(seconds, accuracy.isNumber() ? accuracy.asDouble() : null);
        }
    }

    /** A reference script in Python, run by the interpreter that has its module. */
    record Python(Peer peer, Path python, Path script, MnistFiles data, Map<String, String> environment)
            implements Contestant {
        @Override
        public String label() {
            return peer.label();
        }

        @Override
        public Optional<String> cannotRun(Workload workload) {
            try {
                PeerNetwork.of(workload.spec());
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }

        @Override
        public List<String> command(Workload workload, int epochs, Integer subset, Path dir) {
            List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(),
                    "--train-images", data.path(MnistFile.TRAIN_IMAGES).toString(),
                    "--train-labels", data.path(MnistFile.TRAIN_LABELS).toString(),
                    "--test-images", data.path(MnistFile.TEST_IMAGES).toString(),
                    "--test-labels", data.path(MnistFile.TEST_LABELS).toString()));
            command.addAll(PeerNetwork.arguments(workload.spec(), epochs, subset));
            return command;
        }

        @Override
        public Timings timings(String stdout, Path dir) throws IOException {
            List<Double> seconds = new ArrayList<>();
            Double accuracy = null;
            for (String line : stdout.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JSON.readTree(line);
                if (record.has("seconds")) {
                    seconds.add(record.get("seconds").asDouble());
                }
                if (record.has("testAccuracy")) {
                    accuracy = record.get("testAccuracy").asDouble();
                }
            }
            return new Timings(seconds, accuracy);
        }
    }
}
