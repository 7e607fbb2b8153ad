package dev.digitslab.comparison.report;

import dev.digitslab.comparison.results.StudyResults;
import java.nio.file.Path;
import java.util.Set;

/**
 * One study as written: its results and the files writing them gave, by name within the study's folder (the same
 * whether the folder was written in place or staged and moved). The pages are assembled from this, not from
 * what happens to be on disk.
 */
public record WrittenStudy(StudyResults results, Set<String> files) {
    public WrittenStudy {
        files = Set.copyOf(files);
    }

    /** Whether this file of the study's folder was written. */
    public boolean has(Path file) {
        return files.contains(file.getFileName().toString());
    }
}
