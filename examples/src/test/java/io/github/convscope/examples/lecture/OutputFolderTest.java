package io.github.convscope.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder replaces only what an earlier run wrote, and refuses a folder holding anything else. */
class OutputFolderTest {

    @Test
    void aSecondRunReplacesTheFirstRunsFiles(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        OutputFolder first = OutputFolder.claim(dir);
        Files.writeString(first.file("index.html"), "one");
        Files.writeString(first.file("maps/conv2d.png"), "png");
        assertEquals(List.of("index.html", "maps/conv2d.png"), first.files());

        OutputFolder second = OutputFolder.claim(dir);
        assertFalse(Files.exists(dir.resolve("index.html")), "the earlier run's files are removed");
        assertFalse(Files.exists(dir.resolve("maps")));
        Files.writeString(second.file("index.html"), "two");
        assertEquals("two", Files.readString(dir.resolve("index.html")));
    }

    @Test
    void refusesAFolderWithTheUsersFiles(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("out");
        OutputFolder run = OutputFolder.claim(dir);
        Files.writeString(run.file("index.html"), "report");
        Files.writeString(dir.resolve("notes.txt"), "the user's");

        IOException e = assertThrows(IOException.class, () -> OutputFolder.claim(dir));
        assertTrue(e.getMessage().contains("notes.txt") && e.getMessage().contains("did not write"), e.getMessage());
        assertEquals("the user's", Files.readString(dir.resolve("notes.txt")));
        assertEquals("report", Files.readString(dir.resolve("index.html")), "nothing is removed when refusing");

        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThrows(IOException.class, () -> OutputFolder.claim(file));
        assertThrows(IllegalArgumentException.class, () -> OutputFolder.claim(tmp.resolve("o2")).file("../x"));
    }
}
