package io.github.convscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.NativeAccelerationTest;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NativeConvolutionLayer} hands libnd4j a batch a few images at a time: split batches (uneven last call
 * included) give the outputs, full gradient vector and training steps of the whole batch in one call, in both
 * layouts, through the three backward paths (ReLU from the output, recomputed tanh, no activation without bias).
 */
class NativeConvolutionBatchSplitTest {
    private static final int BATCH = 5;
    private static final int SIZE = 12;

    private static Sequential model(CNN2DFormat format) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(5).dataFormat(format)
                .add(Conv2D.of(6, 3).activation(Activation.RELU))
                .add(Conv2D.of(5, 3).padding(Padding.SAME).activation(Activation.TANH))
                .add(Conv2D.of(4, 2).useBias(false))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(3).activation(Activation.SOFTMAX))
                .compile(Optimizer.adam(), Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY)
                .build();
    }

    private static List<NativeConvolutionLayer> convolutions(Sequential model) {
        List<NativeConvolutionLayer> found = new ArrayList<>();
        for (Layer layer : model.network().getLayers()) {
            if (layer instanceof NativeConvolutionLayer c) {
                found.add(c);
            }
        }
        return found;
    }

    private static INDArray images(long seed) {
        Random r = new Random(seed);
        float[] x = new float[BATCH * SIZE * SIZE * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return Nd4j.create(x, new long[] {BATCH, SIZE, SIZE, 3}, 'c');
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return y;
    }

    private static INDArray gradient(Sequential model, INDArray x, INDArray y) {
        return NativeAccelerationTest.gradient(model, x, y, 1, null);
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        NativeAccelerationTest.assertNonTrivial(expected, what);
        NativeAccelerationTest.assertClose(expected, actual, relative, what);
    }

    private static long calls(Sequential model) {
        return convolutions(model).stream().mapToLong(NativeConvolutionLayer::nativeCalls).sum();
    }

    @Test
    void splitBatchesGiveTheWholeBatchsOutputsGradientsAndSteps() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (CNN2DFormat format : CNN2DFormat.values()) {
            Sequential whole = model(format);
            Sequential split = model(format);
            List<NativeConvolutionLayer> layers = convolutions(split);
            assertEquals(3, layers.size(), format + ": three native convolutions");
            // first layer: 12x12x3 in and 10x10x6 out, 4 bytes each: 4,128 bytes an image -> 2 images a call
            // (2, 2, 1); the others one image a call
            layers.get(0).bytesPerCall(2 * 4128 + 100);
            layers.get(1).bytesPerCall(1);
            layers.get(2).bytesPerCall(1);
            INDArray x = images(1);
            INDArray probe = whole.toNetworkInput(x);
            assertEquals(2, layers.get(0).imagesPerCall(probe, Nd4j.create(DataType.FLOAT, BATCH, 10, 10, 6)),
                    format + ": images per call of the first layer");

            assertClose(whole.predict(x), split.predict(x), 1e-6, format + ": outputs");
            assertEquals(3, calls(whole), format + ": one call a layer without a split");
            assertEquals(3 + 5 + 5, calls(split), format + ": 2+2+1 images, then 5 calls of 1 image twice");

            INDArray y = labels();
            assertClose(gradient(whole, x, y), gradient(split, x, y), 1e-5, format + ": gradients");
            for (int step = 0; step < 3; step++) {
                DataSet batch = new DataSet(whole.toNetworkInput(images(10 + step)), y);
                whole.network().fit(batch);
                split.network().fit(batch.copy());
                assertEquals(whole.network().score(), split.network().score(), 1e-5, format + ": loss at " + step);
            }
            assertClose(whole.network().params(), split.network().params(), 1e-5, format + ": weights after 3 steps");
        }
    }

    @Test
    void imagesPerCallStaysBetweenOneAndTheBatch() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        NativeConvolutionLayer layer = convolutions(model(CNN2DFormat.NHWC)).get(0);
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, 128, 150, 150, 3);
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, 128, 148, 148, 6);
        // 150x150x3 + 148x148x6 floats = 795,696 bytes an image: 21 of them in 16 MiB
        assertEquals(21, layer.imagesPerCall(x, out), "default budget, the lecture's first layer");
        layer.bytesPerCall(1);
        assertEquals(1, layer.imagesPerCall(x, out), "at least one image a call");
        layer.bytesPerCall(Long.MAX_VALUE);
        assertEquals(128, layer.imagesPerCall(x, out), "at most the batch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.bytesPerCall(0));
        assertTrue(e.getMessage().contains("bytesPerCall") && e.getMessage().contains("0"), e.getMessage());
    }
}
