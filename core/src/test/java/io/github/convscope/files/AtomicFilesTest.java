package io.github.convscope.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesCreatesFoldersAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        assertEquals(target.toAbsolutePath(), AtomicFiles.write(target, out -> out.write("one".getBytes())));
        AtomicFiles.write(target, out -> out.write("two".getBytes()));
        assertEquals("two", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), listing(target.getParent()));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("keep.txt");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void temporarySiblingsAreHiddenBesideTheTargetWithTheUsualPermissions() throws IOException {
        Path target = dir.resolve("model.zip");
        Path file = AtomicFiles.createSibling(target, ".part");
        Path folder = AtomicFiles.createSiblingDirectory(target, ".extracting");
        for (Path p : List.of(file, folder)) {
            assertEquals(dir.toAbsolutePath(), p.getParent());
            assertTrue(p.getFileName().toString().startsWith(".model.zip."), p.toString());
        }
        assertTrue(file.getFileName().toString().endsWith(".part"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // createTempFile would give 0600: a file written this way must be readable by its group like any other
            Path plain = Files.createFile(dir.resolve("plain"));
            Set<PosixFilePermission> usual = Files.getPosixFilePermissions(plain);
            assertEquals(usual, Files.getPosixFilePermissions(file));
        }
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
