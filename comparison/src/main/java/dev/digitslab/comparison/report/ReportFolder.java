package dev.digitslab.comparison.report;

import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.StudyResults;
import dev.digitslab.comparison.run.Implementations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A report folder and how it changes, for {@code run} and {@code report} alike: each study's folder is written
 * beside the others ({@code .staging-<study>}) and swapped in whole, so it is never half-updated; the pages
 * (README.md, index.html) are replaced together; and what an interrupted write leaves ({@code *.part} files,
 * staging folders, a study folder moved aside to {@code .old-<study>}) can be undone. Every file is written with
 * {@link AtomicFiles}.
 */
public final class ReportFolder {
    static final String SUMMARY = "README.md";
    static final String PAGE = "index.html";
    private static final String STAGING_PREFIX = ".staging-";
    /** A study folder moved aside while its replacement moves in. */
    private static final String OLD_PREFIX = ".old-";

    private final Path dir;
    private final Implementations implementations;
    private final StudyWriter writer;

    public ReportFolder(Path dir, Implementations implementations) {
        this.dir = dir;
        this.implementations = implementations;
        this.writer = new StudyWriter(implementations);
    }

    public Path dir() {
        return dir;
    }

    /** Reads every {@code <study>/results.json}, in the given study order (others after, by folder name). */
    public List<StudyResults> readAll(List<String> order) throws IOException {
        List<StudyResults> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                Path file = new StudyFiles(child).results();
                if (Files.isRegularFile(file)) {
                    all.add(ResultsFile.read(file));
                }
            }
        }
        all.sort(Comparator.comparingInt(s -> {
            int i = order.indexOf(s.study());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return all;
    }

    /**
     * The studies now in the folder, in the given order: those in {@code justWritten} as {@link #replace} returned
     * them, the others as writing their results.json gave them.
     */
    public List<WrittenStudy> studies(List<String> order, List<WrittenStudy> justWritten) throws IOException {
        Map<String, WrittenStudy> fresh = new LinkedHashMap<>();
        justWritten.forEach(w -> fresh.put(w.results().study(), w));
        List<WrittenStudy> all = new ArrayList<>();
        for (StudyResults study : readAll(order)) {
            WrittenStudy written = fresh.get(study.study());
            all.add(written != null ? written : writer.asWritten(study));
        }
        return all;
    }

    /** Rewrites every study's folder from its results, then the pages over them. */
    public void writeAll(List<StudyResults> studies) throws IOException {
        List<WrittenStudy> written = new ArrayList<>();
        for (StudyResults study : studies) {
            written.add(replace(study));
        }
        writePages(written);
    }

    /**
     * Writes a study's folder beside the others and swaps it in; if writing fails (a full disk), the staging
     * folder is removed and the previous folder stays as it was.
     */
    public WrittenStudy replace(StudyResults study) throws IOException {
        Path staging = dir.resolve(STAGING_PREFIX + study.study());
        try {
            deleteTree(staging);
            WrittenStudy written = writer.write(study, new StudyFiles(staging));
            swapIn(staging, study.study());
            return written;
        } catch (IOException e) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // the write already failed; that error is the one to report
            }
            throw e;
        }
    }

    /**
     * Writes the pages, README.md and index.html, over studies whose folders are in place. The two are replaced
     * together or not at all, so a failure (a full disk) leaves the previous pair.
     */
    public void writePages(List<WrittenStudy> studies) throws IOException {
        ReportDocument doc = new ReportAssembler(dir, implementations).assemble(studies);
        byte[] markdown = MarkdownRenderer.render(doc).getBytes(StandardCharsets.UTF_8);
        byte[] html = HtmlRenderer.render(doc, "Digits Lab reports", dir).getBytes(StandardCharsets.UTF_8);
        Map<Path, AtomicFiles.Content> pair = new LinkedHashMap<>();
        pair.put(dir.resolve(SUMMARY), out -> out.write(markdown));
        pair.put(dir.resolve(PAGE), out -> out.write(html));
        AtomicFiles.writeAll(pair);
    }

    /**
     * Until closed, a JVM stopped meanwhile (Ctrl-C) first {@linkplain #removeLeftovers removes the leftovers}
     * here and {@linkplain #deleteTemporaryFiles temporary files} in {@code others} (a models folder).
     */
    public CleanupOnExit cleanUpOnExit(Path... others) {
        Thread hook = new Thread(() -> {
            removeLeftovers();
            for (Path other : others) {
                deleteTemporaryFiles(other);
            }
        }, "digits-lab-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running or about to; it must stay registered
            }
        };
    }

    /** A registered cleanup; closing it unregisters it. */
    @FunctionalInterface
    public interface CleanupOnExit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Undoes what an interrupted write left (best effort, as the JVM shuts down): a study folder moved aside to
     * {@code .old-<study>} is put back if its replacement never arrived and deleted otherwise; then
     * {@linkplain #deleteTemporaryFiles temporary files and staging folders} are deleted.
     */
    public void removeLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path old : children.filter(p -> p.getFileName().toString().startsWith(OLD_PREFIX)).toList()) {
                Path study = dir.resolve(old.getFileName().toString().substring(OLD_PREFIX.length()));
                try {
                    if (Files.exists(study)) {
                        deleteTree(old);
                    } else {
                        Files.move(old, study);
                    }
                } catch (IOException ignored) {
                    // best effort while the JVM shuts down
                }
            }
        } catch (IOException ignored) {
            // best effort while the JVM shuts down
        }
        deleteTemporaryFiles(dir);
    }

    /** Deletes {@code *.part} files and {@code .staging-*} folders anywhere under {@code dir} (best effort). */
    public static void deleteTemporaryFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".part") || name.startsWith(STAGING_PREFIX);
            }).sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    deleteTree(p);
                } catch (IOException ignored) {
                    // best effort while the JVM shuts down
                }
            });
        } catch (IOException ignored) {
            // best effort while the JVM shuts down
        }
    }

    /** Replaces the study's folder with the freshly written one in one move, putting it back if the move fails. */
    private void swapIn(Path staging, String study) throws IOException {
        Path target = dir.resolve(study);
        Path old = dir.resolve(OLD_PREFIX + study);
        deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old);
        }
        try {
            Files.move(staging, target);
        } catch (IOException e) {
            if (Files.exists(old)) {
                Files.move(old, target); // put the previous folder back
            }
            throw e;
        }
        deleteTree(old);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
