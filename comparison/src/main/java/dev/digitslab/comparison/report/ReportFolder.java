package dev.digitslab.comparison.report;

import dev.digitslab.api.io.AtomicFiles;
import dev.digitslab.api.train.Trainer;
import dev.digitslab.comparison.results.ResultsFile;
import dev.digitslab.comparison.results.ResultsFormatException;
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
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A report folder and how it changes, for {@code run} and {@code report} alike. Every change is written beside
 * what is there first, into {@code .staging-report}, and moves in only when all of it is complete: {@code run}
 * swaps in each study's folder whole as its study finishes, then replaces the pages (README.md, index.html)
 * together; {@code report} stages every study and both pages before it moves anything, so a failure leaves the
 * folder as it was. What is moved out is kept aside ({@code .old-<name>}) until the change is complete and put
 * back if a move fails; what an interrupted change leaves ({@code *.part} files, staging folders, entries
 * moved aside) can be undone. Results are checked before anything is written and when they are read, and every
 * file is written with {@link AtomicFiles}.
 */
public final class ReportFolder {
    static final String SUMMARY = "README.md";
    static final String PAGE = "index.html";
    private static final String STAGING_PREFIX = ".staging-";
    /** Where a change is written before it moves in: the studies' folders by name, then the pages. */
    private static final String STAGING = STAGING_PREFIX + "report";
    /** A study folder or page moved aside while its replacement moves in. */
    private static final String OLD_PREFIX = ".old-";

    private final Path dir;
    private final Implementations implementations;
    private final Set<String> implementationIds;
    private final StudyWriter writer;

    public ReportFolder(Path dir, Implementations implementations) {
        this.dir = dir;
        this.implementations = implementations;
        this.implementationIds = implementations.both().stream().map(Trainer::id).collect(Collectors.toSet());
        this.writer = new StudyWriter(implementations);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Reads and checks every {@code <study>/results.json}, in the given study order (others after, by name).
     *
     * @throws ResultsFormatException for the first file that cannot be reported as it is, or whose study is not
     *                                named like its folder
     */
    public List<StudyResults> readAll(List<String> order) throws IOException {
        return readAllExcept(order, Set.of());
    }

    /**
     * Like {@link #readAll}, leaving out the studies named in {@code except} (those a run is about to replace);
     * nothing if the folder does not exist. Folders whose names start with a dot are the transaction's own.
     */
    public List<StudyResults> readAllExcept(List<String> order, Set<String> except) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StudyResults> all = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                Path file = new StudyFiles(child).results();
                if (name.startsWith(".") || except.contains(name) || !Files.isRegularFile(file)) {
                    continue;
                }
                StudyResults study = ResultsFile.read(file, implementationIds);
                if (!study.study().equals(name)) {
                    throw new ResultsFormatException(file.toString(), "study: expected '" + name
                            + "' (the name of its folder, where its report is written), found '" + study.study() + "'",
                            null);
                }
                all.add(study);
            }
        }
        inOrder(all, order, StudyResults::study);
        return all;
    }

    /**
     * The studies now in the folder, in the given order: those in {@code justWritten} as {@link #replace} returned
     * them, the others as writing their results.json gave them.
     */
    public List<WrittenStudy> studies(List<String> order, List<WrittenStudy> justWritten) throws IOException {
        Set<String> fresh = justWritten.stream().map(w -> w.results().study()).collect(Collectors.toSet());
        List<WrittenStudy> all = new ArrayList<>(justWritten);
        for (StudyResults study : readAllExcept(order, fresh)) {
            all.add(writer.asWritten(study));
        }
        inOrder(all, order, w -> w.results().study());
        return all;
    }

    /**
     * Rewrites every study's folder from its results and the pages over them, as one change: the results are
     * checked, everything is written into the staging folder, and only then does it move in, so a failure
     * (invalid results, a full disk) leaves the folder as it was.
     */
    public void writeAll(List<StudyResults> studies) throws IOException {
        for (StudyResults study : studies) {
            check(study);
        }
        Path staging = dir.resolve(STAGING);
        try {
            deleteTree(staging);
            List<WrittenStudy> written = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (StudyResults study : studies) {
                written.add(writer.write(study, StudyFiles.of(staging, study.study())));
                names.add(study.study());
            }
            AtomicFiles.writeAll(pages(written, staging));
            names.add(SUMMARY);
            names.add(PAGE);
            moveIn(staging, names);
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Checks a study's results, writes its folder into the staging folder and swaps it in; if the results are
     * invalid nothing is written, and if writing fails (a full disk) the previous folder stays as it was.
     *
     * @throws ResultsFormatException if the results cannot be reported as they are
     */
    public WrittenStudy replace(StudyResults study) throws IOException {
        check(study);
        Path staging = dir.resolve(STAGING);
        try {
            deleteTree(staging);
            WrittenStudy written = writer.write(study, StudyFiles.of(staging, study.study()));
            moveIn(staging, List.of(study.study()));
            return written;
        } finally {
            deleteQuietly(staging);
        }
    }

    /**
     * Writes the pages, README.md and index.html, over studies whose folders are in place. The two are replaced
     * together or not at all, so a failure (a full disk) leaves the previous pair.
     */
    public void writePages(List<WrittenStudy> studies) throws IOException {
        AtomicFiles.writeAll(pages(studies, dir));
    }

    /** README.md and index.html over the studies whose folders are in {@code base}, to be written in {@code base}. */
    private Map<Path, AtomicFiles.Content> pages(List<WrittenStudy> studies, Path base) {
        ReportDocument doc = new ReportAssembler(base, implementations).assemble(studies);
        byte[] markdown = MarkdownRenderer.render(doc).getBytes(StandardCharsets.UTF_8);
        byte[] html = HtmlRenderer.render(doc, "Digits Lab reports", base).getBytes(StandardCharsets.UTF_8);
        Map<Path, AtomicFiles.Content> pair = new LinkedHashMap<>();
        pair.put(base.resolve(SUMMARY), out -> out.write(markdown));
        pair.put(base.resolve(PAGE), out -> out.write(html));
        return pair;
    }

    private void check(StudyResults study) {
        ResultsFile.check(study, implementationIds, StudyFiles.of(dir, study.study()).results() + " (not written)");
    }

    /**
     * Until closed, a JVM stopped meanwhile (Ctrl-C) first {@linkplain #removeLeftovers removes the leftovers}
     * here and {@linkplain #deleteTemporaryFiles temporary files} in {@code others} (a models folder).
     */
    public CleanupOnExit cleanUpOnExit(Path... others) {
        return cleanUpOnExit(() -> { }, others);
    }

    /**
     * As {@link #cleanUpOnExit(Path...)}, then {@code afterwards} (e.g. removing the folders this process created,
     * now empty), in the same hook so that it runs after the leftovers are gone.
     */
    public CleanupOnExit cleanUpOnExit(Runnable afterwards, Path... others) {
        Thread hook = new Thread(() -> {
            removeLeftovers();
            for (Path other : others) {
                deleteTemporaryFiles(other);
            }
            afterwards.run();
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
     * Undoes what an interrupted write left (best effort, as the JVM shuts down): a study folder or page moved aside
     * to {@code .old-<name>} is put back if its replacement never arrived and deleted otherwise; then
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

    /**
     * Moves each named entry of {@code staging} (a study's folder, a page) over the one here. What was here is kept
     * aside as {@code .old-<name>} until every entry has moved, then deleted; if a move fails, the entries already
     * moved are taken out again and what was kept aside is put back.
     */
    private void moveIn(Path staging, List<String> names) throws IOException {
        List<String> moved = new ArrayList<>();
        try {
            for (String name : names) {
                Path target = dir.resolve(name);
                Path old = dir.resolve(OLD_PREFIX + name);
                deleteTree(old);
                if (Files.exists(target)) {
                    Files.move(target, old);
                }
                moved.add(name); // from here on, undoing it means putting .old-<name> back (if there is one)
                Files.move(staging.resolve(name), target);
            }
        } catch (IOException e) {
            for (int i = moved.size() - 1; i >= 0; i--) {
                Path target = dir.resolve(moved.get(i));
                Path old = dir.resolve(OLD_PREFIX + moved.get(i));
                try {
                    if (Files.exists(old)) {
                        deleteTree(target);
                        Files.move(old, target);
                    } else {
                        deleteTree(target); // there was nothing here before
                    }
                } catch (IOException ignored) {
                    // the move already failed; that error is the one to report
                }
            }
            throw e;
        }
        for (String name : names) {
            deleteTree(dir.resolve(OLD_PREFIX + name));
        }
    }

    /** Sorts by the position of each name in {@code order}, names not in it last, by name. */
    private static <T> void inOrder(List<T> items, List<String> order, Function<T, String> name) {
        items.sort(Comparator.<T>comparingInt(t -> {
            int i = order.indexOf(name.apply(t));
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(name));
    }

    private static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException ignored) {
            // best effort: what is left is a staging folder, which the next change or cleanup removes
        }
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
