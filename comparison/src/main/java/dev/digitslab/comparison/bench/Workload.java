package dev.digitslab.comparison.bench;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.api.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the benchmark: a spec every contestant trains.
 *
 * @param specText the spec file as shipped, handed to the project's children as it is (another build reads it too)
 */
public record Workload(ExperimentSpec spec, String specText) {
    private static final String ROOT = "/benchmark/";

    public String name() {
        return spec.name();
    }

    public String title() {
        return spec.title();
    }

    /** Whether the spec trains with L2, whose epochs the issue saw grow slower: the table shows them one by one. */
    public boolean hasL2() {
        return spec.l2() > 0;
    }

    /** The shipped workloads, in table order (resource benchmark/workloads.txt). */
    public static List<Workload> builtIn() {
        List<Workload> all = new ArrayList<>();
        for (String line : resource("workloads.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                String file = name + ".yaml";
                String text = resource(file);
                all.add(new Workload(SpecLoader.parseYaml(text, "benchmark/" + file), text));
            }
        }
        return List.copyOf(all);
    }

    static String resource(String file) {
        try (InputStream in = Workload.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("resource " + ROOT + file + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
