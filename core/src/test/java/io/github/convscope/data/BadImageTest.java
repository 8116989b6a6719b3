package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.image.ImageLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Zero-byte, truncated and non-image files under both {@link BadImagePolicy} values. */
class BadImageTest {
    @TempDir
    Path root;

    private Path zeroBytes(String rel) {
        return TestImages.bytes(root.resolve(rel), new byte[0]);
    }

    private Path text(String rel) {
        return TestImages.bytes(root.resolve(rel), "not an image at all\n".getBytes(StandardCharsets.UTF_8));
    }

    /** A real JPEG cut inside its header tables. */
    private Path truncated(String rel) throws IOException {
        Path full = TestImages.jpeg(root.resolve("full-" + rel.replace('/', '-')), 40, 60, 3);
        byte[] bytes = Files.readAllBytes(full);
        Files.delete(full);
        return TestImages.bytes(root.resolve(rel), Arrays.copyOf(bytes, 150));
    }

    @Test
    void failNamesTheFileForEveryKindOfBadFile() throws IOException {
        for (String kind : List.of("zero", "text", "truncated")) {
            Path dir = root.resolve(kind);
            TestImages.png(dir.resolve("x/good.png"), 4, 4, 1, 2, 3);
            Path bad = switch (kind) {
                case "zero" -> zeroBytes(kind + "/x/bad.jpg");
                case "text" -> text(kind + "/x/bad.jpg");
                default -> truncated(kind + "/x/bad.jpg");
            };
            try (DirectoryIterator it = DirectoryIterator.builder(dir).targetSize(4, 4).build()) {
                ImageLoadException e = assertThrows(ImageLoadException.class, it::next, kind);
                assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
                assertEquals(bad, e.path());
            }
        }
    }

    @Test
    void skipFillsTheBatchWithTheNextLoadableFilesAndReportsTheSkippedOnes() throws IOException {
        TestImages.png(root.resolve("a/1.png"), 4, 4, 10, 10, 10);
        Path zero = zeroBytes("a/bad0.jpg");
        Path text = text("a/bad1.jpg");
        TestImages.png(root.resolve("c/2.png"), 4, 4, 30, 30, 30);
        TestImages.png(root.resolve("c/4.png"), 4, 4, 50, 50, 50);
        Path cut = truncated("c/trunc.jpg");
        for (int workers : new int[] {1, 4}) {
            try (DirectoryIterator it = DirectoryIterator.builder(root).classes(List.of("a", "c")).targetSize(4, 4)
                    .shuffle(false).batchSize(6).workers(workers).classMode(ClassMode.SPARSE)
                    .badImagePolicy(BadImagePolicy.SKIP).build()) {
                DataSet batch = it.next();
                float[] values = new float[6];
                for (int i = 0; i < 6; i++) {
                    values[i] = batch.getFeatures().getFloat(i, 0, 0, 0);
                }
                // epoch order 0..5 with 1, 2 and 5 bad: each bad slot takes the next loadable file, wrapping
                assertArrayEquals(new float[] {10, 30, 30, 30, 50, 10}, values);
                assertArrayEquals(new float[] {0, 1, 1, 1, 1, 0}, batch.getLabels().data().asFloat());
                assertEquals(List.of(zero, text, cut), it.skippedFiles());
                assertEquals(3, it.skippedCount());
                it.reset();
                it.next(); // a second epoch does not try or count the bad files again
                assertEquals(3, it.skippedCount());
            }
        }
    }

    @Test
    void skipWithNothingLoadableFailsClearly() {
        zeroBytes("a/bad0.jpg");
        text("a/bad1.png");
        try (DirectoryIterator it = DirectoryIterator.builder(root).targetSize(4, 4)
                .badImagePolicy(BadImagePolicy.SKIP).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, it::next);
            assertTrue(e.getMessage().contains("none of the 2 images"), e.getMessage());
        }
    }
}
