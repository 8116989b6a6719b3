package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.image.FloatImage;
import io.github.convscope.random.NumpyRandom;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Files that are not images at all (a FIFO, a link to /dev/zero, a 3 GB file) and a loader that never returns. */
class HostileFilesTest {
    @TempDir
    Path root;

    @Test
    void skipSurvivesAFifoALinkToDevZeroAndAHugeFile() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        TestImages.png(root.resolve("a/1.png"), 4, 4, 10, 20, 30);
        Path fifo = root.resolve("a/fifo.jpg");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        Path huge = root.resolve("a/huge.png");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(3L << 30); // sparse: no disk space used
        }
        Path zero = Files.createSymbolicLink(root.resolve("a/zero.jpg"), Path.of("/dev/zero"));
        DataSet batch = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (DirectoryIterator it = DirectoryIterator.builder(root).targetSize(4, 4).batchSize(4).shuffle(false)
                    .badImagePolicy(BadImagePolicy.SKIP).build()) {
                DataSet first = it.next();
                assertEquals(List.of(fifo, huge, zero), it.skippedFiles());
                return first;
            }
        });
        float[] red = new float[4];
        for (int i = 0; i < 4; i++) {
            red[i] = batch.getFeatures().getFloat(i, 0, 0, 0);
        }
        assertArrayEquals(new float[] {10, 10, 10, 10}, red);
    }

    @Test
    void closeReleasesACallerWaitingOnALoaderThatNeverReturns() throws Exception {
        TestImages.png(root.resolve("a/1.png"), 4, 4, 1, 2, 3);
        CountDownLatch release = new CountDownLatch(1);
        SampleTransform<Void> stuck = new SampleTransform<>() {
            @Override
            public Void draw(int height, int width, int channels, NumpyRandom random) {
                return null;
            }

            @Override
            public FloatImage apply(FloatImage image, Void parameters) {
                boolean done = false;
                while (!done) {
                    try {
                        release.await(); // deaf to interrupts, like a read blocked in the kernel
                        done = true;
                    } catch (InterruptedException ignored) {
                        // keep waiting
                    }
                }
                return image;
            }
        };
        DirectoryIterator it = DirectoryIterator.builder(root).targetSize(4, 4).transform(stuck).build();
        try {
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                it.close();
            });
            closer.start();
            IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> assertThrows(IllegalStateException.class, it::next));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            closer.join();
        } finally {
            release.countDown();
            it.close();
        }
    }
}
