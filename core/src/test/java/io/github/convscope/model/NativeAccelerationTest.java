package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.backend.NativeAcceleration;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The oneDNN fast path against DL4J's plain path: same outputs, gradients and training steps, in NCHW (the fast
 * path's layout) and against NHWC (the plain path's layout); gradients against finite differences; the helpers really
 * in use. Tests that need the oneDNN natives are skipped (by assumption) where ND4J has no oneDNN build.
 */
class NativeAccelerationTest {
    private static final int SIZE = 16;
    private static final int BATCH = 4;

    /** Lecture-shaped: conv, pool, conv (same), pool, flatten, dense, sigmoid. */
    private static Sequential.Builder flattenModel(Optimizer optimizer) {
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

    /** No Flatten (whose order depends on the layout), so NHWC and NCHW networks share one parameter vector. */
    private static Sequential.Builder poolingModel(Optimizer optimizer) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(7)
                .add(Conv2D.of(8, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(12, 3).strides(2, 2).activation(Activation.RELU))
                .add(AveragePooling2D.of())
                .add(GlobalAveragePooling2D.of())
                .add(Dense.of(3).activation(Activation.SOFTMAX))
                .compile(optimizer, Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY);
    }

    private static <T> T withAccelerationOff(Supplier<T> action) {
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

    private static INDArray images(long seed) {
        Random r = new Random(seed);
        float[] x = new float[BATCH * SIZE * SIZE * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        return Nd4j.create(x, new long[] {BATCH, SIZE, SIZE, 3}, 'c');
    }

    private static INDArray binaryLabels() {
        return Nd4j.create(new float[] {0, 1, 1, 0}, new long[] {BATCH, 1}, 'c');
    }

    private static INDArray oneHotLabels() {
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 3);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % 3, 1);
        }
        return y;
    }

    /** DL4J's gradient (flat, parameter order) and score for one batch. */
    private static INDArray gradient(Sequential model, INDArray nhwc, INDArray labels, double[] score) {
        MultiLayerNetwork net = model.network();
        net.setInput(model.toNetworkInput(nhwc));
        net.setLabels(labels);
        net.computeGradientAndScore();
        if (score != null) {
            score[0] = net.score();
        }
        return net.gradient().gradient().dup();
    }

    private static void assertClose(INDArray expected, INDArray actual, double relative, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shapes");
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= relative * scale, what + ": max |difference| " + diff + " > " + relative + " x " + scale);
    }

    private static void assertNonTrivial(INDArray a, String what) {
        assertTrue(a.amaxNumber().doubleValue() > 1e-6, what + " is all zero: the comparison would prove nothing");
    }

    @Test
    void fastPathUsesOneDnnHelpersInNchw() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        Sequential fast = flattenModel(Optimizer.adam()).build();
        assertEquals(CNN2DFormat.NCHW, fast.dataFormat());
        assertEquals(CNN2DFormat.NCHW, NativeAcceleration.trainingFormat());
        Layer[] layers = fast.network().getLayers();
        assertTrue(layers[0].getHelper() instanceof MKLDNNConvHelper, "conv2d helper: " + layers[0].getHelper());
        assertTrue(layers[1].getHelper() instanceof MKLDNNSubsamplingHelper, "pool helper: " + layers[1].getHelper());
        assertEquals(4, NativeAcceleration.helpersInUse(fast.network()));
        // The switch is restored after initialisation, and DL4J's lookup is answered only inside it.
        assertNull(System.getProperty(NativeAcceleration.HELPERS_DISABLE));
        assertFalse(NativeAcceleration.isChoosingHelpers());
        assertFalse(org.nd4j.nativeblas.Nd4jCpu.Environment.getInstance().isUseMKLDNN());
    }

    @Test
    void accelerationOffGivesThePlainPathInNhwc() {
        Sequential plain = withAccelerationOff(() -> flattenModel(Optimizer.adam()).build());
        assertEquals(CNN2DFormat.NHWC, plain.dataFormat());
        assertEquals(0, NativeAcceleration.helpersInUse(plain.network()));
    }

    @Test
    void networksBuiltOutsideConvScopeKeepDl4jsBehaviour() {
        // A hand-written NCHW network: DL4J's defaults (helpers disabled) stay in force even with ConvScope loaded.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 3)).build());
        net.init();
        assertEquals(0, NativeAcceleration.helpersInUse(net));
    }

    @Test
    void nhwcNetworksNeverGetHelpers() {
        // oneDNN's NHWC convolution gradients are wrong in 1.0.0-M2.1: an NHWC network stays on the plain path.
        Sequential nhwc = flattenModel(Optimizer.adam()).dataFormat(CNN2DFormat.NHWC).build();
        assertEquals(0, NativeAcceleration.helpersInUse(nhwc.network()));
    }

    @Test
    void fastAndPlainNchwAgreeOnOutputsGradientsAndTraining() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.05), Optimizer.adam()}) {
            Sequential fast = flattenModel(optimizer).build();
            Sequential plain = withAccelerationOff(() -> flattenModel(optimizer).dataFormat(CNN2DFormat.NCHW).build());
            assertTrue(NativeAcceleration.helpersInUse(fast.network()) > 0);
            assertEquals(0, NativeAcceleration.helpersInUse(plain.network()));
            assertEquals(plain.network().params(), fast.network().params(), "same seed, same initial weights");
            INDArray x = images(3);
            INDArray y = binaryLabels();
            assertClose(plain.predict(x), fast.predict(x), 1e-5, "outputs");
            double[] sf = new double[1];
            double[] sp = new double[1];
            INDArray gFast = gradient(fast, x, y, sf);
            INDArray gPlain = gradient(plain, x, y, sp);
            assertNonTrivial(gPlain, "plain gradient");
            assertClose(gPlain, gFast, 1e-4, "gradients (" + optimizer + ")");
            assertEquals(sp[0], sf[0], 1e-5, "score");
            for (int step = 0; step < 3; step++) {
                DataSet batch = new DataSet(fast.toNetworkInput(images(10 + step)), y);
                fast.network().fit(batch);
                plain.network().fit(batch.copy());
                assertEquals(plain.network().score(), fast.network().score(), 1e-4, "loss at step " + step);
            }
            assertClose(plain.network().params(), fast.network().params(), 1e-4, "weights after 3 steps");
            assertClose(plain.predict(x), fast.predict(x), 1e-4, "outputs after 3 steps");
        }
    }

    @Test
    void fastNchwAgreesWithPlainNhwc() {
        // NHWC is the plain path's layout (and of models saved by it): the fast NCHW network computes the same thing.
        Sequential fast = poolingModel(Optimizer.adam()).build();
        Sequential nhwc = withAccelerationOff(() -> poolingModel(Optimizer.adam()).dataFormat(CNN2DFormat.NHWC)
                .build());
        assertEquals(CNN2DFormat.NHWC, nhwc.dataFormat());
        Map<String, INDArray> fastTable = fast.network().paramTable();
        nhwc.network().paramTable().forEach((k, v) -> assertArrayEquals(fastTable.get(k).shape(), v.shape(), k));
        nhwc.network().setParams(fast.network().params().dup());
        INDArray x = images(5);
        INDArray y = oneHotLabels();
        assertClose(nhwc.predict(x), fast.predict(x), 1e-5, "outputs");
        INDArray gNhwc = gradient(nhwc, x, y, null);
        assertNonTrivial(gNhwc, "NHWC gradient");
        assertClose(gNhwc, gradient(fast, x, y, null), 1e-4, "gradients");
        for (int step = 0; step < 3; step++) {
            INDArray xs = images(20 + step);
            fast.network().fit(new DataSet(fast.toNetworkInput(xs), y));
            nhwc.network().fit(new DataSet(nhwc.toNetworkInput(xs), y));
            assertEquals(nhwc.network().score(), fast.network().score(), 1e-4, "loss at step " + step);
        }
        assertClose(nhwc.network().params(), fast.network().params(), 1e-4, "weights after 3 steps");
    }

    @Test
    void fastConvolutionGradientsMatchFiniteDifferences() {
        Sequential fast = flattenModel(Optimizer.sgd(0.01)).build();
        INDArray x = images(8);
        INDArray y = binaryLabels();
        MultiLayerNetwork net = fast.network();
        INDArray analytic = gradient(fast, x, y, null);
        INDArray params = net.params();
        // first conv's weights come first in the parameter vector; also check the second conv's first weights
        long secondConv = net.getLayer(0).numParams() + net.getLayer(1).numParams();
        int checked = 0;
        for (long base : new long[] {0, secondConv}) {
            long best = base;
            for (long i = base; i < base + 40; i++) {
                if (Math.abs(analytic.getDouble(i)) > Math.abs(analytic.getDouble(best))) {
                    best = i;
                }
            }
            for (long i : new long[] {best, base + 5}) {
                double eps = 1e-2;
                double original = params.getDouble(i);
                params.putScalar(i, original + eps);
                double up = score(fast, x, y);
                params.putScalar(i, original - eps);
                double down = score(fast, x, y);
                params.putScalar(i, original);
                double numeric = (up - down) / (2 * eps);
                // DL4J's gradient is summed over the batch (its updater divides by the batch size); the score is a mean
                double a = analytic.getDouble(i) / BATCH;
                assertEquals(numeric, a, 2e-4 + 0.03 * Math.abs(numeric), "d loss / d param " + i);
                checked++;
            }
        }
        assertEquals(4, checked);
        assertTrue(Math.abs(analytic.getDouble(0)) + Math.abs(analytic.getDouble(secondConv)) > 0);
        assertNotNull(net.getLayer(0));
    }

    private static double score(Sequential model, INDArray x, INDArray y) {
        MultiLayerNetwork net = model.network();
        net.setInput(model.toNetworkInput(x));
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.score();
    }

    @Test
    void savedPlainModelLoads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Sequential plain = withAccelerationOff(() -> flattenModel(Optimizer.adam()).build());
        java.nio.file.Path file = dir.resolve("model.zip");
        plain.save(file);
        Sequential loaded = Sequential.load(file);
        INDArray x = images(9);
        assertEquals(plain.predict(x), loaded.predict(x));
    }

    @Test
    void savedFastModelLoadsOnTheFastPath(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        Sequential fast = flattenModel(Optimizer.adam()).build();
        java.nio.file.Path file = dir.resolve("model.zip");
        fast.save(file);
        Sequential loaded = Sequential.load(file);
        assertEquals(CNN2DFormat.NCHW, loaded.dataFormat());
        assertEquals(4, NativeAcceleration.helpersInUse(loaded.network()));
        INDArray x = images(9);
        assertEquals(fast.predict(x), loaded.predict(x));
    }
}
