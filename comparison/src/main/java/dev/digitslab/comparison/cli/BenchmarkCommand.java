package dev.digitslab.comparison.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.comparison.bench.Benchmark;
import dev.digitslab.comparison.bench.BenchmarkTable;
import dev.digitslab.comparison.bench.Contestants;
import dev.digitslab.comparison.bench.Launcher;
import dev.digitslab.comparison.bench.Measurement;
import dev.digitslab.comparison.bench.Workload;
import dev.digitslab.comparison.run.Implementations;
import dev.digitslab.datasets.MnistLocator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the same networks with both implementations and, where Python has them, PyTorch and "
                + "NumPy reference scripts: every measurement a fresh process, interleaved round by round; prints "
                + "median seconds per epoch (epoch 1 excluded as warm-up when there are two or more) with ratios.",
                "The project's runs are `digits-lab run --spec … --impl ID --parallel 1` with the project's defaults; "
                        + "the peers run with 1 thread and the OpenBLAS kernels this CPU deserves."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every child ran", "2:bad input (unknown workload, no such launcher or Python)",
                "3:some child failed (one line each; the table has the others)"},
        footerHeading = "%nExamples:%n",
        footer = {"  digits-lab benchmark --rounds 3                  # the README's table, 3 rounds",
                "  digits-lab benchmark --workloads mlp-128-batch-32 --epochs 2",
                "  digits-lab benchmark --launcher ../before/comparison/target/digits-lab/bin/digits-lab"})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--workloads", paramLabel = "NAME", split = ",",
            description = "Only these workloads (default: all): ${COMPLETION-CANDIDATES}",
            completionCandidates = WorkloadNames.class)
    List<String> workloads = new ArrayList<>();

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1",
            description = "Times each contestant trains each workload, interleaved (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "4",
            description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--subset", paramLabel = "N", description = "Train on N training images (quick checks, not timings).")
    Integer subset;

    @Option(names = "--launcher", paramLabel = "PATH",
            description = "Time another build's bin/digits-lab (e.g. the previous commit's) instead of this one.")
    Path launcher;

    @Option(names = "--python", paramLabel = "PATH",
            description = "The Python for the peers (default: the first of python3 on the PATH and /usr/bin/python3 "
                    + "that imports torch, resp. numpy).")
    Path python;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "benchmark.json",
            description = "Every raw epoch time, as JSON (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkPositive("--rounds", rounds);
        checkPositive("--epochs", epochs);
        if (subset != null) {
            checkPositive("--subset", subset);
        }
        List<Workload> chosen = chosenWorkloads();
        if (launcher != null && !Files.isExecutable(launcher)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--launcher " + launcher
                    + ": not an executable file (give another build's bin/digits-lab)");
        }
        OutputFolder.requireWritable("benchmark results", this.out.toAbsolutePath().getParent());
        Implementations implementations = Implementations.discover();
        Path work = Files.createTempDirectory("digits-lab-benchmark");
        try {
            Launcher children = launcher != null ? Launcher.script(launcher)
                    : Launcher.thisApplication(DigitsLab.class.getName());
            Contestants contestants = Contestants.find(implementations, children, python, System.getenv(),
                    MnistLocator.fromEnvironment().resolve(), work);
            Benchmark benchmark = new Benchmark(chosen, contestants.all(), rounds, epochs, subset);
            Map<String, String> settings = settings(contestants);
            settings.forEach((k, v) -> out.printf("%s: %s%n", k, v));
            contestants.skipped().forEach(s -> out.printf("skipped: %s%n", s));
            out.println();
            out.flush();
            List<Measurement> measurements = benchmark.run(work, err);
            BenchmarkTable table = contestants.table();
            out.println();
            out.print(table.medians(chosen, measurements));
            for (Workload w : chosen) {
                if (w.hasL2()) {
                    out.printf("%nSeconds per epoch under L2 (median over the rounds):%n%n");
                    out.print(table.epochs(w, measurements));
                }
            }
            out.printf("%n");
            out.print(table.peakMemory(chosen, measurements));
            List<Measurement> failed = measurements.stream().filter(m -> !m.ok()).toList();
            for (Measurement m : failed) {
                out.printf("failed: round %d, %s, %s: %s%n", m.round(), m.workload(), m.contestant(), m.error());
            }
            write(settings, contestants.skipped(), measurements);
            out.printf("%nraw epoch times written to %s%n", this.out.toAbsolutePath().normalize());
            out.flush();
            return failed.isEmpty() ? 0 : DigitsLab.RUN_FAILED;
        } finally {
            deleteTree(work);
        }
    }

    private Map<String, String> settings(Contestants contestants) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("machine", contestants.machine());
        s.put("project runs", contestants.launcher().description() + "; `run --impl ID --parallel 1`, project defaults");
        s.put("peers", contestants.peerDescription());
        s.put("peers' BLAS", contestants.peerEnvironment().description());
        s.put("rounds", rounds + " x " + epochs + " epoch(s)" + (subset != null ? ", " + subset + " training images"
                : ", the specs' full training split"));
        s.put("median over", epochs >= 2 ? "epochs 2.." + epochs + " of every round (epoch 1 is warm-up)"
                : "epoch 1 of every round (no epoch to spare for warm-up)");
        return s;
    }

    private void write(Map<String, String> settings, List<String> skipped, List<Measurement> measurements)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("settings", settings);
        json.put("skipped", skipped);
        json.put("measurements", measurements);
        AtomicFiles.write(out, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
    }

    private List<Workload> chosenWorkloads() {
        List<Workload> all = Workload.builtIn();
        if (workloads.isEmpty()) {
            return all;
        }
        Map<String, Workload> byName = all.stream().collect(Collectors.toMap(Workload::name, w -> w, (a, b) -> a,
                LinkedHashMap::new));
        List<Workload> chosen = new ArrayList<>();
        for (String name : workloads) {
            Workload w = byName.get(name.strip());
            if (w == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--workloads: no workload '" + name
                        + "' (known: " + String.join(", ", byName.keySet()) + ")");
            }
            if (!chosen.contains(w)) {
                chosen.add(w);
            }
        }
        return chosen;
    }

    private void checkPositive(String option, int value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be a positive number, found "
                    + value);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The workload names, for --help. */
    static final class WorkloadNames extends ArrayList<String> {
        WorkloadNames() {
            super(Workload.builtIn().stream().map(Workload::name).toList());
        }
    }
}
