package dev.digitslab.comparison.bench;

import dev.digitslab.api.train.Trainer;
import dev.digitslab.comparison.run.Implementations;
import dev.digitslab.datasets.MnistFiles;
import dev.digitslab.framework.cpu.CpuFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of one benchmark: the peers whose Python was found (PyTorch first), then the candidate and the
 * reference implementation, and what was skipped and why.
 *
 * @param all             every contestant, in column order
 * @param table           the table over those columns
 * @param skipped         one line per peer left out
 * @param launcher        how the project's children start
 * @param peerEnvironment what the peers' environment adds
 * @param peerDescription the interpreters and module versions, or "none"
 * @param machine         the CPU and its cores
 */
public record Contestants(List<Contestant> all, BenchmarkTable table, List<String> skipped, Launcher launcher,
                          PeerEnvironment peerEnvironment, String peerDescription, String machine) {

    /** The thread settings bin/digits-lab gives every JVM, for children that lack them (a benchmark run from Maven). */
    static final Map<String, String> LAUNCHER_THREADS = Map.of("OMP_NUM_THREADS", "1", "OMP_WAIT_POLICY", "PASSIVE");

    /**
     * @param python  the interpreter the user named, or null to look for one
     * @param env     this process's environment
     * @param work    a folder the peer scripts are written to
     */
    public static Contestants find(Implementations implementations, Launcher launcher, Path python,
                                   Map<String, String> env, MnistFiles data, Path work) throws IOException {
        Optional<CpuFeatures> cpu = CpuFeatures.ofThisMachine();
        PeerEnvironment peerEnv = PeerEnvironment.of(env, cpu);
        PythonDiscovery discovery = python != null ? PythonDiscovery.only(python)
                : PythonDiscovery.fromPath(env.get("PATH"));
        List<Contestant> all = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        List<String> found = new ArrayList<>();
        Path scripts = Files.createDirectories(work.resolve("peers"));
        for (Peer peer : Peer.values()) {
            PythonDiscovery.Found f = discovery.find(peer);
            if (f.python().isEmpty()) {
                skipped.add(f.skipped());
                continue;
            }
            all.add(new Contestant.Python(peer, f.python().get(), peer.extractTo(scripts), data, peerEnv.variables()));
            peers.add(peer.label());
            found.add(peer.label() + " " + f.version() + " (" + f.python().get() + ")");
        }
        Map<String, String> projectEnv = new LinkedHashMap<>();
        LAUNCHER_THREADS.forEach((k, v) -> {
            if (!env.containsKey(k)) {
                projectEnv.put(k, v);
            }
        });
        Trainer candidate = implementations.candidate();
        Trainer reference = implementations.reference();
        all.add(new Contestant.Project(candidate.id(), launcher, projectEnv));
        all.add(new Contestant.Project(reference.id(), launcher, projectEnv));
        String machine = cpu.map(CpuFeatures::model).filter(m -> !m.isBlank()).orElse("CPU unknown") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores";
        return new Contestants(all, new BenchmarkTable(peers, candidate.id(), reference.id()), List.copyOf(skipped),
                launcher, peerEnv, found.isEmpty() ? "none" : String.join(", ", found), machine);
    }
}
