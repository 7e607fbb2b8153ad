package dev.digitslab.framework.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the CPU says about itself: vendor, model name and instruction-set flags, as Linux lists them in
 * {@code /proc/cpuinfo} for the first processor.
 *
 * @param vendor e.g. "GenuineIntel", "AuthenticAMD"
 * @param model  e.g. "Intel(R) Xeon(R) Platinum 8488C"
 * @param flags  lower-case flag names, e.g. "avx2", "avx512f"
 */
public record CpuFeatures(String vendor, String model, Set<String> flags) {
    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    public CpuFeatures {
        // Sorted: the flags are part of cache keys (SelfCheck), and Set.copyOf's order changes from JVM to JVM.
        flags = Collections.unmodifiableSortedSet(new TreeSet<>(flags));
    }

    /** This machine's CPU, or empty where there is no readable {@code /proc/cpuinfo} (not Linux, or a sandbox). */
    public static Optional<CpuFeatures> ofThisMachine() {
        if (!Files.isReadable(CPUINFO)) {
            return Optional.empty();
        }
        try {
            return parse(Files.readString(CPUINFO, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The first processor's entry of a {@code /proc/cpuinfo} text; empty when it lists no x86 flags. */
    static Optional<CpuFeatures> parse(String cpuinfo) {
        String vendor = "";
        String model = "";
        Set<String> flags = null;
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank() && flags != null) {
                break; // the first processor's entry is enough: all cores of one machine share the flags
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "model name" -> model = value;
                case "flags" -> {
                    flags = new TreeSet<>();
                    for (String flag : value.split("\\s+")) {
                        if (!flag.isEmpty()) {
                            flags.add(flag.toLowerCase(Locale.ROOT));
                        }
                    }
                }
                default -> {
                }
            }
        }
        return flags == null ? Optional.empty() : Optional.of(new CpuFeatures(vendor, model, flags));
    }

    public boolean has(String... names) {
        for (String name : names) {
            if (!flags.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
