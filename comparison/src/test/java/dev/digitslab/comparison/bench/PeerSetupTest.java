package dev.digitslab.comparison.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.digitslab.api.spec.LayerSpec;
import dev.digitslab.api.spec.SpecLoader;
import dev.digitslab.framework.cpu.CpuFeatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the peers are given: their arguments, their environment, their interpreter. */
class PeerSetupTest {
    private static final CpuFeatures AMD_AVX2 = new CpuFeatures("AuthenticAMD", "AMD EPYC", Set.of("avx", "avx2", "fma"));

    @Test
    void everyShippedWorkloadIsOneThePeersCanTrain() {
        List<Workload> all = Workload.builtIn();
        assertEquals(5, all.size());
        for (Workload w : all) {
            assertEquals(4, w.spec().epochs(), w.name());
            PeerNetwork.of(w.spec());
        }
        Workload norm = all.stream().filter(w -> w.name().contains("batch-norm")).findFirst().orElseThrow();
        List<String> args = PeerNetwork.arguments(norm.spec(), 3, 600);
        assertEquals(List.of("--hidden", "512,512"), args.subList(0, 2));
        assertTrue(args.contains("--batch-norm"), args.toString());
        assertEquals("600", args.get(args.indexOf("--subset") + 1));
        assertEquals("3", args.get(args.indexOf("--epochs") + 1));
        List<String> l2 = PeerNetwork.arguments(all.get(all.size() - 1).spec(), 4, null);
        assertEquals("1.0E-4", l2.get(l2.indexOf("--l2") + 1));
        assertFalse(l2.contains("--subset"));
    }

    @Test
    void aNetworkThePeersDoNotImplementIsRefusedWithTheReason() {
        var spec = Workload.builtIn().get(0).spec();
        List<LayerSpec> layers = new ArrayList<>(spec.network());
        layers.add(1, new LayerSpec.Dropout(0.2));
        var withDropout = new dev.digitslab.api.spec.ExperimentSpec(spec.name(), spec.title(), spec.data(), layers,
                spec.loss(), spec.optimizer(), spec.l2(), spec.init(), spec.batchSize(), spec.epochs(), spec.seeds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerNetwork.of(withDropout));
        assertTrue(e.getMessage().contains("layer 1 (dropout)"), e.getMessage());
        assertTrue(SpecLoader.toYaml(spec).contains("he"));
    }

    @Test
    void thePeersGetOneThreadAndTheCoreTypeThisCpuDeserves() {
        PeerEnvironment env = PeerEnvironment.of(Map.of(), Optional.of(AMD_AVX2));
        assertEquals("Zen", env.variables().get("OPENBLAS_CORETYPE"));
        assertEquals("1", env.variables().get("OPENBLAS_NUM_THREADS"));
        assertTrue(env.description().startsWith("OPENBLAS_CORETYPE=Zen"), env.description());
    }

    @Test
    void aCoreTypeOrCacheSizeTheUserSetIsRespected() {
        PeerEnvironment own = PeerEnvironment.of(Map.of("OPENBLAS_CORETYPE", "Haswell"), Optional.of(AMD_AVX2));
        assertFalse(own.variables().containsKey("OPENBLAS_CORETYPE")); // inherited as it is
        assertTrue(own.description().contains("Haswell (from your environment)"), own.description());
        PeerEnvironment l2 = PeerEnvironment.of(Map.of("OPENBLAS_L2_SIZE", "1048576"), Optional.of(AMD_AVX2));
        assertFalse(l2.variables().containsKey("OPENBLAS_CORETYPE"));
        assertTrue(l2.description().contains("OPENBLAS_L2_SIZE is set"), l2.description());
        assertTrue(PeerEnvironment.of(Map.of(), Optional.empty()).description().contains("CPU flags unknown"));
    }

    @Test
    void anInterpreterWithoutTheModuleIsSkippedWithWhatItSaid(@TempDir Path dir) throws IOException {
        Path python = fakePython(dir, "ModuleNotFoundError: No module named 'torch'", 1);
        PythonDiscovery.Found found = PythonDiscovery.only(python).find(Peer.PYTORCH);
        assertTrue(found.python().isEmpty());
        assertEquals("PyTorch skipped: no Python that imports torch (" + python
                + ": ModuleNotFoundError: No module named 'torch')", found.skipped());
    }

    @Test
    void theFirstInterpreterThatImportsTheModuleWins(@TempDir Path dir) throws IOException {
        Path without = fakePython(Files.createDirectory(dir.resolve("a")), "No module named 'numpy'", 1);
        Path with = fakePython(Files.createDirectory(dir.resolve("b")), "1.24.2", 0);
        String path = without.getParent() + java.io.File.pathSeparator + with.getParent();
        assertEquals(without, PythonDiscovery.fromPath(path).candidates().get(0)); // the first on the PATH only
        PythonDiscovery.Found found = PythonDiscovery.only(with).find(Peer.NUMPY);
        assertEquals(Optional.of(with), found.python());
        assertEquals("1.24.2", found.version());
        assertTrue(PythonDiscovery.only(dir.resolve("missing")).find(Peer.NUMPY).skipped().contains("cannot run it"));
    }

    /** An executable that prints {@code line} and exits with {@code code}, whatever it is asked. */
    static Path fakePython(Path dir, String line, int code) throws IOException {
        Path file = dir.resolve("python3");
        Files.writeString(file, "#!/bin/sh\necho \"" + line + "\"\nexit " + code + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
