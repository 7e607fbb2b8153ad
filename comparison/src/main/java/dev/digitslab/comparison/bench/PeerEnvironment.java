package dev.digitslab.comparison.bench;

import dev.digitslab.framework.cpu.BlasCoreType;
import dev.digitslab.framework.cpu.CpuFeatures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the peers' environment adds to the user's: one thread for every library they may compute with (the issue's
 * table is "PyTorch with 1 thread"), and their best OpenBLAS kernels. OpenBLAS chooses kernels by CPU model, and a
 * build older than the CPU falls back to its slowest ones, so the peers get the core type this CPU's instruction
 * sets deserve ({@link BlasCoreType}), unless the user (or the machine's administrators) already set
 * {@code OPENBLAS_CORETYPE} or {@code OPENBLAS_L2_SIZE}: then nothing is changed.
 *
 * @param variables   the variables to set in a peer's environment
 * @param description the BLAS setting, for the table's header
 */
public record PeerEnvironment(Map<String, String> variables, String description) {
    static final String CORETYPE = "OPENBLAS_CORETYPE";
    static final String L2_SIZE = "OPENBLAS_L2_SIZE";

    public PeerEnvironment {
        variables = Map.copyOf(variables);
    }

    /** For a user's environment {@code env} on a machine with this CPU (empty where unknown). */
    public static PeerEnvironment of(Map<String, String> env, Optional<CpuFeatures> cpu) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("OMP_NUM_THREADS", "1");
        vars.put("OPENBLAS_NUM_THREADS", "1");
        vars.put("MKL_NUM_THREADS", "1");
        String description;
        if (env.containsKey(CORETYPE)) {
            description = CORETYPE + "=" + env.get(CORETYPE) + " (from your environment)";
        } else if (env.containsKey(L2_SIZE)) {
            description = "OpenBLAS's own choice (" + L2_SIZE + " is set in your environment)";
        } else {
            Optional<String> type = cpu.flatMap(BlasCoreType::forCpu);
            if (type.isPresent()) {
                vars.put(CORETYPE, type.get());
                description = CORETYPE + "=" + type.get() + " (chosen for this CPU's instruction sets)";
            } else {
                description = "OpenBLAS's own choice (" + (cpu.isEmpty() ? "CPU flags unknown" : "no AVX") + ")";
            }
        }
        return new PeerEnvironment(vars, description + ", 1 thread");
    }
}
