package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Iterator settings that cannot give what the user meant: refused at build(), or warned about with the reason. */
class IteratorMisuseTest {
    @TempDir
    Path root;

    @Test
    void binaryWithOtherThanTwoClassesIsRefusedAtBuild() {
        for (String c : List.of("a", "b", "c")) {
            TestImages.png(root.resolve(c + "/1.png"), 4, 4, 1, 2, 3);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectoryIterator.builder(root).targetSize(4, 4).classMode(ClassMode.BINARY).build());
        assertTrue(e.getMessage().startsWith("classMode BINARY needs exactly 2 classes, found 3 [a, b, c]"),
                e.getMessage());
        assertTrue(e.getMessage().contains("classMode(ClassMode.CATEGORICAL)"), e.getMessage());
        // two of them picked by name is fine
        DirectoryIterator.builder(root).targetSize(4, 4).classMode(ClassMode.BINARY).classes(List.of("a", "c"))
                .build().close();
    }

    private String warnings(Runnable build) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            build.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFolderWithoutClassSubFoldersIsWarnedAbout() throws Exception {
        TestImages.png(root.resolve("flat/1.png"), 4, 4, 1, 2, 3);
        String log = warnings(() -> DirectoryIterator.builder(root.resolve("flat")).targetSize(4, 4).build().close());
        assertTrue(log.contains("WARN") && log.contains("has no class sub-folders"), log);
        Files.createDirectories(root.resolve("ok/cats"));
        String quiet = warnings(() -> DirectoryIterator.builder(root.resolve("ok")).targetSize(4, 4).build().close());
        assertTrue(!quiet.contains("WARN"), quiet);
    }

    @Test
    void aValidationSubsetWithoutAValidationSplitIsWarnedAbout() {
        TestImages.png(root.resolve("a/1.png"), 4, 4, 1, 2, 3);
        String log = warnings(() -> DirectoryIterator.builder(root).targetSize(4, 4).subset(Subset.VALIDATION)
                .build().close());
        assertTrue(log.contains("WARN") && log.contains("subset(VALIDATION) without validationSplit"), log);
    }
}
