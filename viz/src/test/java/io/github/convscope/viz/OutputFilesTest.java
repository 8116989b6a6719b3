package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void neverReplacesAFileConvScopeDidNotWrite() throws IOException {
        Path photo = dir.resolve("photo.png");
        Files.writeString(photo, "the user's own picture");
        ChannelView view = ChannelView.of(new float[] {0, 1, 2, 3}, 2, 2);
        FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class, () -> view.save(photo));
        assertTrue(e.getMessage().contains("photo.png"), e.getMessage());
        assertEquals("the user's own picture", Files.readString(photo));
    }

    @Test
    void replacesItsOwnEarlierOutputAndCreatesFolders() throws IOException {
        Path out = dir.resolve("new/sub/view.png");
        ChannelView.of(new float[] {0, 1, 2, 3}, 2, 2).save(out);
        assertTrue(OutputFiles.writtenByUs(out));
        long first = Files.size(out);
        ChannelView.of(new float[] {0, 1, 2, 3}, 2, 2).scale(10).save(out);
        assertTrue(Files.size(out) != first, "second save replaced the first");
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        assertFalse(OutputFiles.writtenByUs(dir.resolve("missing.png")));
    }

    @Test
    void filesGetTheUsersUsualPermissionsNotTempFilePermissions() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path reference = Files.createFile(dir.resolve("reference.txt")); // what the umask gives a new file
        Path picture = ChannelView.of(new float[] {0, 1, 2, 3}, 2, 2).save(dir.resolve("view.png"));
        Path report = HtmlReport.builder("Permissions").build().write(dir.resolve("report"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(reference);
        assertEquals(expected, Files.getPosixFilePermissions(picture), "picture");
        assertEquals(expected, Files.getPosixFilePermissions(report), "report");
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ));
    }
}
