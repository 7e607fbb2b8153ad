package dev.digitslab.comparison.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The interleaved run: round by round, workload by workload, every contestant once (starting one further along
 * each round), so that the machine's drift hits all alike. Each measurement is a fresh child process in a folder of
 * its own; a child that fails gets one line (contestant, exit code, the end of its standard error) and the
 * benchmark goes on with the others.
 *
 * @param rounds how many times each contestant trains each workload
 * @param epochs epochs per child
 * @param subset training images per child (null: the spec's, full MNIST)
 */
public record Benchmark(List<Workload> workloads, List<Contestant> contestants, int rounds, int epochs,
                        Integer subset) {

    public Benchmark {
        workloads = List.copyOf(workloads);
        contestants = List.copyOf(contestants);
    }

    /** Runs every measurement in folders under {@code workDir}, printing one line per child to {@code progress}. */
    public List<Measurement> run(Path workDir, PrintWriter progress) throws IOException, InterruptedException {
        List<Measurement> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Workload workload : workloads) {
                for (int i = 0; i < contestants.size(); i++) {
                    Contestant c = contestants.get((i + round - 1) % contestants.size());
                    if (c.cannotRun(workload).isPresent()) {
                        continue;
                    }
                    Path dir = Files.createDirectories(workDir.resolve(round + "-" + workload.name() + "-"
                            + c.label().toLowerCase(Locale.ROOT)));
                    Measurement m = measure(c, workload, round, dir);
                    all.add(m);
                    progress.println(line(m));
                    progress.flush();
                }
            }
        }
        return all;
    }

    private Measurement measure(Contestant c, Workload workload, int round, Path dir) throws IOException,
            InterruptedException {
        ChildProcess.Outcome outcome = ChildProcess.run(c.command(workload, epochs, subset, dir), c.environment(), dir);
        Double peak = outcome.peakRssKib().isPresent() ? outcome.peakRssKib().getAsLong() / 1024.0 : null;
        if (outcome.exitCode() != 0) {
            return new Measurement(round, workload.name(), c.label(), List.of(), null, peak, "exit code "
                    + outcome.exitCode() + ": " + String.join(" / ", outcome.stderrTail()));
        }
        try {
            Contestant.Timings t = c.timings(outcome.stdout(), dir);
            if (t.epochSeconds().size() != epochs) {
                return new Measurement(round, workload.name(), c.label(), t.epochSeconds(), t.testAccuracy(), peak,
                        "reported " + t.epochSeconds().size() + " epoch(s), not " + epochs);
            }
            return new Measurement(round, workload.name(), c.label(), t.epochSeconds(), t.testAccuracy(), peak, null);
        } catch (IOException | RuntimeException e) {
            return new Measurement(round, workload.name(), c.label(), List.of(), null, peak,
                    "its output holds no epoch times: " + e.getMessage());
        }
    }

    private String line(Measurement m) {
        String head = String.format(Locale.ROOT, "round %d/%d  %-24s %-10s", m.round(), rounds, m.workload(),
                m.contestant());
        if (!m.ok()) {
            return head + " FAILED: " + m.error();
        }
        List<String> epochs = m.epochSeconds().stream().map(BenchmarkTable::seconds).toList();
        return head + " s/epoch " + String.join(" ", epochs)
                + (m.testAccuracy() != null ? String.format(Locale.ROOT, "  test accuracy %.4f", m.testAccuracy()) : "")
                + (m.peakRssMib() != null ? String.format(Locale.ROOT, "  peak RSS %.0f MiB", m.peakRssMib()) : "");
    }
}
