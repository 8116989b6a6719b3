package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.model.callbacks.ModelCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Misuse of fit, load and iterators is refused before any training, with the fix named. */
class FitMisuseTest {
    private static final int SIZE = 16;

    @TempDir
    Path dir;

    private static Sequential model() {
        return TwoClassData.smallModel(SIZE).seed(3)
                .compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
    }

    /** Counts epochs begun and batches trained. */
    private static final class Counter implements Callback {
        final AtomicInteger epochs = new AtomicInteger();
        final AtomicInteger batches = new AtomicInteger();

        @Override
        public void onEpochBegin(TrainingContext context, int epoch) {
            epochs.incrementAndGet();
        }

        @Override
        public void onBatchEnd(TrainingContext context, int batch, Map<String, Double> logs) {
            batches.incrementAndGet();
        }
    }

    private static FitOptions quiet(Callback... callbacks) {
        return FitOptions.builder().verbose(0).callbacks(callbacks).build();
    }

    @Test
    void loadingATruncatedOrForeignFileNamesThePathAndWhatAModelFileIs() throws IOException {
        Path saved = dir.resolve("model.zip");
        model().save(saved);
        byte[] bytes = Files.readAllBytes(saved);
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a model", StandardCharsets.UTF_8);
        for (Path bad : List.of(cut, text)) {
            IOException e = assertThrows(IOException.class, () -> Sequential.load(bad));
            assertTrue(e.getMessage().contains(bad.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("Sequential.save"),
                    e.getMessage());
        }
    }

    @Test
    void anEmptyValidationIteratorIsRefusedBeforeTheFirstEpoch() {
        Counter counter = new Counter();
        DataSetIterator empty = new BatchListIterator(List.of(), List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().fit(
                TwoClassData.binary(8, SIZE, 4, 1), 2, empty, quiet(counter)));
        assertTrue(e.getMessage().contains("validation iterator gives no batches")
                && e.getMessage().contains("validationSplit"), e.getMessage());
        assertEquals(0, counter.epochs.get());
    }

    @Test
    void aCheckpointPathThatIsAFolderIsRefusedBeforeTheFirstEpoch() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("checkpoints"));
        Counter counter = new Counter();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().fit(
                TwoClassData.binary(8, SIZE, 4, 1), 2, null,
                quiet(counter, ModelCheckpoint.builder(folder).build())));
        assertTrue(e.getMessage().contains(folder + " is a folder") && e.getMessage().contains("model."),
                e.getMessage());
        assertEquals(0, counter.epochs.get());
    }

    @Test
    void fitBeginsAFreshEpochAfterABatchWasTakenByHand() {
        DataSetIterator train = TwoClassData.binary(24, SIZE, 4, 1); // 6 batches
        train.next();
        Counter counter = new Counter();
        model().fit(train, 1, null, quiet(counter));
        assertEquals(6, counter.batches.get());
    }

    @Test
    void twoFitsSharingOneIteratorAtTheSameTimeAreRefused() throws Exception {
        DataSetIterator shared = TwoClassData.binary(8, SIZE, 4, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Callback hold = new Callback() {
            @Override
            public void onEpochBegin(TrainingContext context, int epoch) {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        Thread first = new Thread(() -> {
            try {
                model().fit(shared, 1, null, quiet(hold));
            } catch (Throwable t) {
                firstError.set(t);
            }
        }, "first-fit");
        first.start();
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> started.await());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model().fit(shared, 1, null, quiet()));
            assertTrue(e.getMessage().contains("already in use by another fit (on thread first-fit)"),
                    e.getMessage());
        } finally {
            release.countDown();
            first.join();
        }
        assertEquals(null, firstError.get());
        model().fit(shared, 1, null, quiet()); // free again once the first fit has ended
    }

    @Test
    void aClosedIteratorIsReportedAsClosed() {
        SequentialFitTest.writeTwoClassFolder(dir.resolve("train"), 2, 1);
        DirectoryIterator train = SequentialFitTest.folder(dir.resolve("train"), 2, 1);
        train.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model().fit(train, 1, null, quiet()));
        assertTrue(e.getMessage().contains("iterator is closed"), e.getMessage());
    }
}
