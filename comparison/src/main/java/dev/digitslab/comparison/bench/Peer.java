package dev.digitslab.comparison.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A reference script the project ships (resources benchmark/*.py) and the Python module it needs. */
public enum Peer {
    PYTORCH("PyTorch", "torch_mlp.py", "torch"),
    NUMPY("NumPy", "numpy_mlp.py", "numpy");

    /** What both scripts import, shipped beside them. */
    private static final String COMMON = "peer_common.py";

    private final String label;
    private final String script;
    private final String module;

    Peer(String label, String script, String module) {
        this.label = label;
        this.script = script;
        this.module = module;
    }

    /** The column heading. */
    public String label() {
        return label;
    }

    /** The module the script imports and the interpreter must have. */
    public String module() {
        return module;
    }

    /** Writes the script and what it imports into {@code dir} and returns the script's path. */
    Path extractTo(Path dir) throws IOException {
        Files.writeString(dir.resolve(COMMON), Workload.resource(COMMON), StandardCharsets.UTF_8);
        Path file = dir.resolve(script);
        Files.writeString(file, Workload.resource(script), StandardCharsets.UTF_8);
        return file;
    }
}
