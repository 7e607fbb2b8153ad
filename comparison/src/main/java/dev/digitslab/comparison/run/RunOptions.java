package dev.digitslab.comparison.run;

import java.nio.file.Path;
import java.util.List;

/**
 * How a study is run, beyond what its specs say.
 *
 * @param implementations trainer ids to run ("framework", "scratch"); comparison needs both
 * @param seedCount       if not null, run this many seeds (the spec's first seed, then +1, +2, …)
 * @param epochs          if not null, overrides every spec's epoch count
 * @param subset          if not null, a stratified subset of this many training images (quick runs)
 * @param modelsDir       if not null, trained models are saved here as {spec}/{implementation}-seed{seed}.model
 */
public record RunOptions(List<String> implementations, Integer seedCount, Integer epochs, Integer subset,
                         Path modelsDir) {
    public static final List<String> BOTH = List.of("framework", "scratch");

    public RunOptions {
        implementations = implementations == null || implementations.isEmpty() ? BOTH : List.copyOf(implementations);
    }

    public static RunOptions defaults() {
        return new RunOptions(BOTH, null, null, null, null);
    }
}
