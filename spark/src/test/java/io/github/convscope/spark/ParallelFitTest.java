package io.github.convscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.Subset;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.History;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ParallelWrapper in averaging mode behind a fit-like call; no Spark involved. */
class ParallelFitTest {
    @TempDir
    Path tmp;

    @Test
    void twoWorkersLearnOverSeveralEpochsOfOneWrapper() throws IOException {
        TestImages.learnable(tmp.resolve("tree"), 48, 33);
        ImageDataGenerator gen = ImageDataGenerator.builder().rescale(1.0 / 255).validationSplit(0.25).build();
        Sequential model = SparkTrainerTest.model(Optimizer.adam(0.01), 13);
        try (DirectoryIterator train = gen.flowFromDirectory(tmp.resolve("tree")).targetSize(12, 12).batchSize(8)
                .classMode(ClassMode.BINARY).subset(Subset.TRAINING).seed(2).build();
                DirectoryIterator valid = gen.flowFromDirectory(tmp.resolve("tree")).targetSize(12, 12).batchSize(8)
                        .classMode(ClassMode.BINARY).subset(Subset.VALIDATION).shuffle(false).build();
                ParallelFit parallel = ParallelFit.builder(model).workers(2).averagingFrequency(2).build()) {
            History first = parallel.fit(train, 3, valid, FitOptions.builder().verbose(0).build());
            History second = parallel.fit(train, 2, valid, FitOptions.builder().verbose(0).build());
            assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), first.keys());
            assertEquals(2, second.epochs());
            double[] accuracy = second.get("val_accuracy");
            assertTrue(accuracy[1] >= 0.85, "val_accuracy " + Arrays.toString(first.get("val_accuracy")) + " then "
                    + Arrays.toString(accuracy));
            assertTrue(second.get("loss")[1] < first.get("loss")[0], first + " then " + second);
        }
    }

    @Test
    void settingsAreChecked() {
        Sequential model = SparkTrainerTest.model(Optimizer.adam(0.01), 13);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ParallelFit.builder(model).workers(0).build());
        assertTrue(e.getMessage().contains("workers"), e.getMessage());
    }
}
