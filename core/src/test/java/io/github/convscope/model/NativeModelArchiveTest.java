package io.github.convscope.model;

import static io.github.convscope.model.NativeAccelerationTest.assertClose;
import static io.github.convscope.model.NativeAccelerationTest.binaryLabels;
import static io.github.convscope.model.NativeAccelerationTest.flattenModel;
import static io.github.convscope.model.NativeAccelerationTest.images;
import static io.github.convscope.model.NativeAccelerationTest.plainPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.backend.NativeAcceleration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Saved models across the two execution paths: archives with DL4J's plain convolution layers (what every earlier
 * version wrote, NHWC on its plain path and NCHW on its oneDNN-helper path) load onto the native path with their
 * layout, weights, Adam state and iteration count, and train on exactly as the saved model would; archives written
 * on the native path load on either path.
 */
class NativeModelArchiveTest {

    private static Sequential trained(Sequential model) {
        for (int step = 0; step < 2; step++) {
            model.network().fit(new DataSet(model.toNetworkInput(images(40 + step)), binaryLabels()));
        }
        return model;
    }

    private static Sequential roundTrip(Sequential model, Path file, boolean plainLoad) {
        try {
            model.save(file);
            if (plainLoad) {
                return plainPath(() -> {
                    try {
                        return Sequential.load(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return Sequential.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same outputs, Adam state, counts; then one more step on each gives the same loss and weights. */
    private static void assertContinuesAlike(Sequential saved, Sequential loaded, double tolerance) {
        assertEquals(saved.dataFormat(), loaded.dataFormat(), "layout");
        MultiLayerNetwork a = saved.network();
        MultiLayerNetwork b = loaded.network();
        assertEquals(a.params(), b.params(), "weights");
        assertEquals(a.getUpdater().getStateViewArray(), b.getUpdater().getStateViewArray(), "Adam state");
        assertEquals(2, b.getIterationCount(), "iteration count (Adam's bias correction)");
        INDArray x = images(50);
        assertClose(saved.predict(x), loaded.predict(x), tolerance, "outputs");
        DataSet batch = new DataSet(saved.toNetworkInput(images(51)), binaryLabels());
        a.fit(batch);
        b.fit(batch.copy());
        assertEquals(a.score(), b.score(), tolerance, "loss of the next step");
        assertClose(a.params(), b.params(), tolerance, "weights after the next step");
    }

    @Test
    void plainArchivesOfEveryLayoutLoadOntoTheNativePath(@TempDir Path dir) {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (CNN2DFormat format : CNN2DFormat.values()) {
            Sequential plain = trained(plainPath(() -> flattenModel(Optimizer.adam()).dataFormat(format).build()));
            Sequential loaded = roundTrip(plain, dir.resolve("plain-" + format + ".zip"), false);
            assertEquals(2, NativeAcceleration.nativeLayersInUse(loaded.network()), format.toString());
            assertContinuesAlike(plain, loaded, 1e-4);
        }
    }

    @Test
    void nativeArchivesLoadOnBothPaths(@TempDir Path dir) {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        Sequential fast = trained(flattenModel(Optimizer.adam()).build());
        Sequential again = roundTrip(fast, dir.resolve("native.zip"), false);
        assertEquals(2, NativeAcceleration.nativeLayersInUse(again.network()));
        assertContinuesAlike(fast, again, 0);
        Sequential fast2 = trained(flattenModel(Optimizer.adam()).build());
        Sequential plain = roundTrip(fast2, dir.resolve("native-to-plain.zip"), true);
        assertEquals(0, NativeAcceleration.nativeLayersInUse(plain.network()));
        assertContinuesAlike(fast2, plain, 1e-4);
    }
}
