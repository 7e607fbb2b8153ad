package dev.digitslab.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesTheTargetWithTheNewContent(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/report.txt");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.writeString(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), listFiles(dir));
    }

    @Test
    void aWriterThatFailsLeavesThePreviousFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("report.txt");
        AtomicFiles.writeString(target, "complete");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("complete", Files.readString(target));
        assertEquals(List.of(target), listFiles(dir));
    }

    @Test
    void filesWrittenTogetherAreAllReplacedOrNoneWhenTheDiskFills(@TempDir Path dir) throws IOException {
        Path markdown = dir.resolve("README.md");
        Path html = dir.resolve("index.html");
        AtomicFiles.writeAll(new java.util.LinkedHashMap<>(java.util.Map.of(markdown, out -> out.write('1'),
                html, out -> out.write('1'))));
        java.util.Map<Path, AtomicFiles.Content> second = new java.util.LinkedHashMap<>();
        second.put(markdown, out -> out.write("2".getBytes()));
        second.put(html, out -> {
            out.write("<html>".getBytes());
            throw new IOException("No space left on device");
        });
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeAll(second));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("1", Files.readString(markdown), "the complete first file was not moved in alone");
        assertEquals("1", Files.readString(html));
        assertEquals(List.of(markdown, html), listFiles(dir).stream().sorted().toList(), "no temporary file left");
    }

    @Test
    void writtenFilesAreReadableByOthersLikeOrdinaryFiles(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path target = dir.resolve("report.md");
        AtomicFiles.writeString(target, "text");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)));
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
