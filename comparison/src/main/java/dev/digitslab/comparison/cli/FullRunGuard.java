package dev.digitslab.comparison.cli;

import dev.digitslab.api.spec.ExperimentSpec;
import dev.digitslab.comparison.catalogue.Catalogue;
import dev.digitslab.comparison.catalogue.Study;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.ResultsFormatException;
import dev.digitslab.comparison.results.RunResult;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps a quick run from replacing a full run's report without {@code --force}. A study's report is a full run when
 * its results.json ran the catalogue's specs as written (no --epochs, --subset or --seeds override) with both
 * implementations; a run of that study that is not one itself is refused before anything is trained or written.
 * Studies from --spec files, and reports that are not full runs (or cannot be read: the report folder's own check
 * names those), are left alone.
 */
final class FullRunGuard {
    /** Thrown when a run would replace a full run's report. */
    static final class FullRunException extends RuntimeException {
        FullRunException(String message) {
            super(message);
        }
    }

    private FullRunGuard() {
    }

    /**
     * @param studies   the studies this run makes, as named (no overrides)
     * @param trained   the specs each is trained with, overrides applied
     * @param bothImpls whether this run trains both implementations
     * @param out       the report folder
     */
    static void requireNotReplaced(List<Study> studies, java.util.function.Function<Study, List<ExperimentSpec>> trained,
                                   boolean bothImpls, Path out, Implementations implementations) {
        Catalogue catalogue = Catalogue.builtIn();
        for (Study study : studies) {
            if (!catalogue.studyNames().contains(study.name())) {
                continue;
            }
            Set<ExperimentSpec> asWritten = Set.copyOf(catalogue.study(study.name()).specs());
            boolean full = bothImpls && new HashSet<>(trained.apply(study)).equals(asWritten);
            Path file = out.resolve(study.name()).resolve("results.json");
            if (!full && Files.isRegularFile(file) && isFullRun(file, asWritten, implementations)) {
                throw new FullRunException(out.resolve(study.name()) + " holds a full run of " + study.name()
                        + " (the catalogue's specs, both implementations), which this run would replace with a quick "
                        + "one (--epochs, --subset, --seeds or --impl): write it elsewhere with --out DIR, or add "
                        + "--force");
            }
        }
    }

    private static boolean isFullRun(Path file, Set<ExperimentSpec> asWritten, Implementations implementations) {
        Set<String> ids = implementations.both().stream().map(t -> t.id()).collect(Collectors.toSet());
        try {
            StudyResults results = ResultsFile.read(file, ids);
            return Set.copyOf(results.specs()).equals(asWritten)
                    && results.runs().stream().map(RunResult::implementation).collect(Collectors.toSet()).equals(ids);
        } catch (ResultsFormatException e) {
            return false;
        }
    }
}
