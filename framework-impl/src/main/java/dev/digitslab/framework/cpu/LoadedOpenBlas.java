package dev.digitslab.framework.cpu;

import com.sun.jna.NativeLibrary;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * The OpenBLAS this process has loaded, asked which kernels it actually runs ({@code openblas_get_corename}, which
 * JavaCPP's bindings do not expose): the truth for reports, whoever chose.
 */
public final class LoadedOpenBlas {
    private LoadedOpenBlas() {
    }

    /** E.g. "Haswell", "Zen", "SkylakeX", "Prescott"; empty before OpenBLAS is loaded or where it cannot be asked. */
    public static Optional<String> coreName() {
        Map<String, String> loaded = Loader.getLoadedLibraries();
        for (Map.Entry<String, String> library : loaded.entrySet()) {
            String path = library.getValue();
            if (path != null && path.matches(".*[/\\\\](lib)?openblas(_nolapack)?[^/\\\\]*\\.(so(\\.\\d+)*|dylib|dll)$")) {
                try {
                    String name = NativeLibrary.getInstance(path).getFunction("openblas_get_corename")
                            .invokeString(new Object[0], false);
                    if (name != null && !name.isBlank()) {
                        return Optional.of(name.trim());
                    }
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    // another library of that name, or no such symbol: try the next one
                }
            }
        }
        return Optional.empty();
    }
}
