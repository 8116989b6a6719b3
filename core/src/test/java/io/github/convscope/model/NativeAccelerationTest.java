package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.backend.ArgmaxPooling;
import io.github.convscope.backend.NativeAcceleration;
import io.github.convscope.backend.NativeConvolution;
import io.github.convscope.backend.NativeDense;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native fast path (libnd4j's conv2d operations and argmax-keeping max pooling in DL4J custom layers) against
 * DL4J's plain path: same outputs, full gradient vectors and training steps, in NHWC (the default layout) and NCHW
 * (models saved by earlier versions), with and without dropout and batch normalization; proof that the fast path
 * runs. Finite differences and
 * saved models are in {@link NativeGradientCheckTest} and {@link NativeModelArchiveTest}. Tests that need ND4J's
 * oneDNN build are skipped (by assumption) where it is absent.
 */
public class NativeAccelerationTest {
    static final int SIZE = 16;
    static final int BATCH = 4;

    /** Lecture-shaped: conv, pool, conv (same), pool, flatten, dense, sigmoid. */
    static Sequential.Builder flattenModel(Optimizer optimizer) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(42)
                .add(Conv2D.of(8, 3).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(16).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(optimizer, Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
    }

    /** Batch normalization, dropout, a strided linear convolution without bias and a tanh one (recomputed z). */
    static Sequential.Builder regularisedModel(Optimizer optimizer) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(11)
                .add(Conv2D.of(6, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(BatchNormalization.of())
                .add(MaxPooling2D.of())
                .add(Dropout.of(0.3))
                .add(Conv2D.of(8, 3).strides(2, 2).useBias(false))
                .add(Conv2D.of(8, 2).padding(Padding.SAME).activation(Activation.TANH))
                .add(Flatten.of())
                .add(Dropout.of(0.5))
                .add(Dense.of(8).activation(Activation.RELU))
                .add(Dense.of(3).activation(Activation.SOFTMAX))
                .compile(optimizer, Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY);
    }

    /** No Flatten (whose order depends on the layout), so NHWC and NCHW networks share one parameter vector. */
    static Sequential.Builder poolingModel(Optimizer optimizer) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(7)
                .add(Conv2D.of(8, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(12, 3).strides(2, 2).activation(Activation.RELU))
                .add(AveragePooling2D.of())
                .add(GlobalAveragePooling2D.of())
                .add(Dense.of(3).activation(Activation.SOFTMAX))
                .compile(optimizer, Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY);
    }

    static <T> T plainPath(Supplier<T> action) {
        String previous = System.getProperty(NativeAcceleration.PROPERTY);
        System.setProperty(NativeAcceleration.PROPERTY, "false");
        try {
            return action.get();
        } finally {
            if (previous == null) {
                System.clearProperty(NativeAcceleration.PROPERTY);
            } else {
                System.setProperty(NativeAcceleration.PROPERTY, previous);
            }
        }
    }

    static INDArray images(long seed) {
        Random r = new Random(seed);
        float[] x = new float[BATCH * SIZE * SIZE * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return Nd4j.create(x, new long[] {BATCH, SIZE, SIZE, 3}, 'c');
    }

    static INDArray binaryLabels() {
        return Nd4j.create(new float[] {0, 1, 1, 0}, new long[] {BATCH, 1}, 'c');
    }

    static INDArray oneHotLabels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return y;
    }

    /** DL4J's gradient (flat, parameter order) and score for one batch; dropout masks drawn from {@code seed}. */
    public static INDArray gradient(Sequential model, INDArray nhwc, INDArray labels, long seed, double[] score) {
        MultiLayerNetwork net = model.network();
        Nd4j.getRandom().setSeed(seed);
        net.setInput(model.toNetworkInput(nhwc));
        net.setLabels(labels);
        net.computeGradientAndScore();
        if (score != null) {
            score[0] = net.score();
        }
        return net.gradient().gradient().dup();
    }

    public static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes");
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= relative * scale, what + ": max |difference| " + diff + " > " + relative + " x " + scale);
    }

    public static void assertNonTrivial(INDArray a, String what) {
        assertTrue(a.amaxNumber().doubleValue() > 1e-6, what + " is all zero: the comparison would prove nothing");
    }

    /** Outputs, full gradients, score, then 3 training steps (loss each step, weights after) of fast against plain. */
    private static void assertSameTraining(Sequential fast, Sequential plain, INDArray y, String what) {
        assertTrue(NativeAcceleration.nativeLayersInUse(fast.network()) > 0, what + ": fast path not in use");
        assertEquals(0, NativeAcceleration.nativeLayersInUse(plain.network()), what + ": plain path has native layers");
        assertEquals(plain.network().params(), fast.network().params(), what + ": same seed, same initial weights");
        INDArray x = images(3);
        assertClose(plain.predict(x), fast.predict(x), 1e-5, what + ": outputs");
        double[] sf = new double[1];
        double[] sp = new double[1];
        INDArray gPlain = gradient(plain, x, y, 99, sp);
        INDArray gFast = gradient(fast, x, y, 99, sf);
        assertNonTrivial(gPlain, what + ": plain gradient");
        assertClose(gPlain, gFast, 1e-4, what + ": gradients");
        assertEquals(sp[0], sf[0], 1e-5, what + ": score");
        for (int step = 0; step < 3; step++) {
            DataSet batch = new DataSet(fast.toNetworkInput(images(10 + step)), y);
            Nd4j.getRandom().setSeed(500 + step);
            fast.network().fit(batch);
            Nd4j.getRandom().setSeed(500 + step);
            plain.network().fit(batch.copy());
            assertEquals(plain.network().score(), fast.network().score(), 1e-4, what + ": loss at step " + step);
        }
        assertClose(plain.network().params(), fast.network().params(), 1e-4, what + ": weights after 3 steps");
        assertClose(plain.predict(x), fast.predict(x), 1e-4, what + ": outputs after 3 steps");
    }

    @Test
    void fastPathRunsLibnd4jConvolutionsInNhwc() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        Sequential fast = flattenModel(Optimizer.adam()).build();
        MultiLayerNetwork net = fast.network();
        assertEquals(CNN2DFormat.NHWC, fast.dataFormat());
        assertEquals(2, NativeAcceleration.nativeLayersInUse(net));
        assertTrue(net.getLayer(0).conf().getLayer() instanceof NativeConvolution, "configuration is the custom layer");
        assertTrue(net.getLayer(1).conf().getLayer() instanceof ArgmaxPooling, "max pooling keeps its argmax");
        for (Layer layer : net.getLayers()) {
            assertNull(layer.getHelper(), "no DL4J layer helper: " + layer);
        }
        long denseLayers = java.util.Arrays.stream(net.getLayers())
                .filter(l -> l.conf().getLayer() instanceof NativeDense).count();
        assertEquals(1, denseLayers, "the hidden Dense is the custom layer (the output layer stays DL4J's)");
        assertEquals(0, NativeAcceleration.nativePasses(net));
        assertEquals(0, NativeAcceleration.nativeDensePasses(net));
        fast.network().fit(new DataSet(fast.toNetworkInput(images(1)), binaryLabels()));
        assertEquals(4, NativeAcceleration.nativePasses(net), "2 convolutions forward and backward");
        assertEquals(2, NativeAcceleration.nativeDensePasses(net), "the dense layer forward and backward");
        fast.predict(images(2));
        assertEquals(6, NativeAcceleration.nativePasses(net), "2 convolutions forward");
        assertEquals(3, NativeAcceleration.nativeDensePasses(net), "the dense layer forward");
        // the iterators' NHWC batch goes in as it is, without a layout copy
        INDArray batch = images(3);
        assertTrue(batch == fast.toNetworkInput(batch), "NHWC float batch is used without a copy");
    }

    @Test
    void accelerationOffGivesThePlainPathInNhwc() {
        Sequential plain = plainPath(() -> flattenModel(Optimizer.adam()).build());
        assertEquals(CNN2DFormat.NHWC, plain.dataFormat());
        assertEquals(0, NativeAcceleration.nativeLayersInUse(plain.network()));
        assertEquals(org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class,
                plain.network().getLayer(0).conf().getLayer().getClass());
        for (Layer layer : plain.network().getLayers()) {
            assertTrue(!(layer.conf().getLayer() instanceof NativeDense), "plain path has DL4J's dense layers");
        }
    }

    /** Hidden Dense layers of every kind the custom layer handles itself or hands to DL4J's code. */
    static Sequential.Builder denseModel(Optimizer optimizer) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(7)
                .add(Conv2D.of(4, 3).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(12).activation(Activation.RELU))        // derivative from the output
                .add(Dense.of(10))                                    // linear
                .add(Dense.of(9).activation(Activation.TANH))         // DL4J's backward pass
                .add(Dropout.of(0.4))
                .add(Dense.of(8).activation(Activation.RELU).useBias(false))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(optimizer, Loss.BINARY_CROSSENTROPY, Metric.ACCURACY);
    }

    @Test
    void denseLayersAgreeWithThePlainPath() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.05), Optimizer.adam()}) {
            Sequential fast = denseModel(optimizer).build();
            assertEquals(4, java.util.Arrays.stream(fast.network().getLayers())
                    .filter(l -> l.conf().getLayer() instanceof NativeDense).count());
            assertSameTraining(fast, plainPath(() -> denseModel(optimizer).build()), binaryLabels(),
                    "dense layers " + optimizer);
            assertTrue(NativeAcceleration.nativeDensePasses(fast.network()) > 0, "dense fast path not in use");
        }
    }

    @Test
    void fastAndPlainAgreeInNhwc() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.05), Optimizer.adam()}) {
            assertSameTraining(flattenModel(optimizer).build(),
                    plainPath(() -> flattenModel(optimizer).build()), binaryLabels(), "NHWC " + optimizer);
        }
    }

    @Test
    void fastAndPlainAgreeInNchw() {
        // NCHW: the layout of models saved by earlier versions on their oneDNN path
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.05), Optimizer.adam()}) {
            assertSameTraining(flattenModel(optimizer).dataFormat(CNN2DFormat.NCHW).build(),
                    plainPath(() -> flattenModel(optimizer).dataFormat(CNN2DFormat.NCHW).build()), binaryLabels(),
                    "NCHW " + optimizer);
        }
    }

    @Test
    void fastAndPlainAgreeWithDropoutAndBatchNormalization() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (CNN2DFormat format : CNN2DFormat.values()) {
            for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.05), Optimizer.adam()}) {
                assertSameTraining(regularisedModel(optimizer).dataFormat(format).build(),
                        plainPath(() -> regularisedModel(optimizer).dataFormat(format).build()), oneHotLabels(),
                        "dropout + batch norm, " + format + ", " + optimizer);
            }
        }
    }

    @Test
    void fastNhwcAgreesWithPlainNchw() {
        // the same computation in both layouts: one parameter vector, same outputs, gradients and steps
        Sequential fast = poolingModel(Optimizer.adam()).build();
        Sequential nchw = plainPath(() -> poolingModel(Optimizer.adam()).dataFormat(CNN2DFormat.NCHW).build());
        Map<String, INDArray> fastTable = fast.network().paramTable();
        nchw.network().paramTable().forEach((k, v) -> assertArrayEquals(fastTable.get(k).shape(), v.shape(), k));
        nchw.network().setParams(fast.network().params().dup());
        INDArray x = images(5);
        INDArray y = oneHotLabels();
        assertClose(nchw.predict(x), fast.predict(x), 1e-5, "outputs");
        INDArray gNchw = gradient(nchw, x, y, 1, null);
        assertNonTrivial(gNchw, "NCHW gradient");
        assertClose(gNchw, gradient(fast, x, y, 1, null), 1e-4, "gradients");
        for (int step = 0; step < 3; step++) {
            INDArray xs = images(20 + step);
            fast.network().fit(new DataSet(fast.toNetworkInput(xs), y));
            nchw.network().fit(new DataSet(nchw.toNetworkInput(xs), y));
            assertEquals(nchw.network().score(), fast.network().score(), 1e-4, "loss at step " + step);
        }
        assertClose(nchw.network().params(), fast.network().params(), 1e-4, "weights after 3 steps");
    }
}
