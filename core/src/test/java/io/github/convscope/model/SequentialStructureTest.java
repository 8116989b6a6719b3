package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Shapes, parameter counts, names and summary text of the lecture's two models (never trained here), Keras's layer
 * defaults, Dropout's rate conversion and the builder's refusals.
 */
class SequentialStructureTest {

    /** The lecture's model, with or without its three Dropout layers (0.3 after pool 1, 0.3 after pool 3, 0.1). */
    static Sequential lecture(boolean dropout) {
        Sequential.Builder b = Sequential.builder().inputShape(150, 150, 3).seed(1)
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of());
        if (dropout) {
            b.add(Dropout.of(0.3));
        }
        b.add(Conv2D.of(32, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Conv2D.of(64, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of());
        if (dropout) {
            b.add(Dropout.of(0.3));
        }
        b.add(Flatten.of()).add(Dense.of(512).activation(Activation.RELU));
        if (dropout) {
            b.add(Dropout.of(0.1));
        }
        return b.add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
    }

    /** name, type, output shape, params: worked out by hand with Keras's rules (3x3 same conv, 2x2 valid pool). */
    private static final Object[][] BASELINE = {
        {"conv2d", "Conv2D", new int[] {150, 150, 16}, 3L * 3 * 3 * 16 + 16},
        {"max_pooling2d", "MaxPooling2D", new int[] {75, 75, 16}, 0L},
        {"conv2d_1", "Conv2D", new int[] {75, 75, 32}, 3L * 3 * 16 * 32 + 32},
        {"max_pooling2d_1", "MaxPooling2D", new int[] {37, 37, 32}, 0L},
        {"conv2d_2", "Conv2D", new int[] {37, 37, 64}, 3L * 3 * 32 * 64 + 64},
        {"max_pooling2d_2", "MaxPooling2D", new int[] {18, 18, 64}, 0L},
        {"flatten", "Flatten", new int[] {20736}, 0L},
        {"dense", "Dense", new int[] {512}, 20736L * 512 + 512},
        {"dense_1", "Dense", new int[] {1}, 513L},
    };

    private static final Object[][] WITH_DROPOUT = {
        BASELINE[0], BASELINE[1],
        {"dropout", "Dropout", new int[] {75, 75, 16}, 0L},
        BASELINE[2], BASELINE[3], BASELINE[4], BASELINE[5],
        {"dropout_1", "Dropout", new int[] {18, 18, 64}, 0L},
        BASELINE[6], BASELINE[7],
        {"dropout_2", "Dropout", new int[] {512}, 0L},
        BASELINE[8],
    };

    static String resource(String name) throws IOException {
        try (InputStream in = SequentialStructureTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertLayers(Object[][] expected, Sequential model) {
        List<LayerInfo> layers = model.layers();
        assertEquals(expected.length, layers.size());
        for (int i = 0; i < expected.length; i++) {
            LayerInfo l = layers.get(i);
            assertEquals(expected[i][0], l.name(), "name of layer " + i);
            assertEquals(expected[i][1], l.type(), "type of " + l.name());
            assertArrayEquals((int[]) expected[i][2], l.outputShape(), "output shape of " + l.name());
            assertEquals((long) expected[i][3], l.params(), "params of " + l.name());
        }
    }

    /** The shapes DL4J really computes for one image, converted to NHWC, are the ones the model reports. */
    private static void assertNetworkAgrees(Sequential model) {
        int[] s = model.inputShape();
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, s[0], s[1], s[2]);
        List<INDArray> acts = model.network().feedForward(model.toNetworkInput(x), false);
        for (LayerInfo l : model.layers()) {
            INDArray a = model.toNhwc(acts.get(l.networkIndex() + 1));
            long[] shape = a.shape();
            long[] expected = new long[l.outputShape().length + 1];
            expected[0] = 1;
            for (int d = 0; d < l.outputShape().length; d++) {
                expected[d + 1] = l.outputShape()[d];
            }
            if (l.type().equals("Flatten")) {
                assertEquals(l.outputShape()[0], a.length(), "elements into flatten");
            } else {
                assertArrayEquals(expected, shape, "DL4J output shape of " + l.name());
            }
        }
    }

    @Test
    void lectureBaselineMatchesKeras() throws IOException {
        Sequential model = lecture(false);
        assertLayers(BASELINE, model);
        assertEquals(10_641_441L, model.network().numParams());
        assertEquals(resource("lecture_baseline_summary.txt"), model.summary());
        assertNetworkAgrees(model);
    }

    @Test
    void lectureWithDropoutMatchesKeras() throws IOException {
        Sequential model = lecture(true);
        assertLayers(WITH_DROPOUT, model);
        assertEquals(10_641_441L, model.network().numParams());
        assertEquals(resource("lecture_dropout_summary.txt"), model.summary());
        assertNetworkAgrees(model);
        // DL4J is told the RETAIN probability of each dropout layer: 0.7, 0.7, 0.9
        double[] retain = {0.7, 0.7, 0.9};
        int k = 0;
        for (LayerInfo l : model.layers()) {
            if (l.type().equals("Dropout")) {
                Layer conf = model.network().getLayerWiseConfigurations().getConf(l.networkIndex()).getLayer();
                DropoutLayer d = assertInstanceOf(DropoutLayer.class, conf);
                org.deeplearning4j.nn.conf.dropout.Dropout dl4j =
                        assertInstanceOf(org.deeplearning4j.nn.conf.dropout.Dropout.class, d.getIDropout());
                assertEquals(retain[k++], dl4j.getP(), 1e-12, l.name());
            }
        }
        assertEquals(3, k);
    }

    @Test
    void summaryKeepsCommasUnderAGermanLocale() throws IOException {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals(resource("lecture_baseline_summary.txt"), lecture(false).summary());
            assertTrue(lecture(true).summary().contains("Total params: 10,641,441\n"));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void printedNumbersStayAsciiUnderLocalesWithOtherDigits() throws IOException {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("ar-SA")); // formats %d with Arabic-Indic digits
        try {
            assertEquals(resource("lecture_dropout_summary.txt"), lecture(true).summary());
            assertEquals(" - loss: 1.0000e-05 - accuracy: 0.5000",
                    ProgressBar.values(new java.util.LinkedHashMap<>(java.util.Map.of("loss", 1e-5)))
                            + ProgressBar.values(java.util.Map.of("accuracy", 0.5)));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void summaryCutsLongTypeNamesAsKerasDoes() {
        Sequential model = Sequential.builder().inputShape(8, 8, 1).name("tiny").seed(1)
                .add(AveragePooling2D.of()).add(GlobalAveragePooling2D.of()).add(Dense.of(2)).build();
        String[] lines = model.summary().split("\n");
        assertEquals("Model: \"tiny\"", lines[0]);
        // Keras cuts the first column at 29 characters and puts a space in the 30th
        assertEquals("average_pooling2d (AveragePo (None, 4, 4, 1)           0         ", lines[4]);
        assertEquals("global_average_pooling2d (Gl (None, 1)                 0         ", lines[6]);
        assertEquals("dense (Dense)                (None, 2)                 4         ", lines[8]);
        assertEquals("Total params: 4", lines[10]);
    }

    @Test
    void batchNormalizationCountsLikeKeras() {
        Sequential model = Sequential.builder().inputShape(8, 8, 3).seed(1).add(Conv2D.of(4, 3))
                .add(BatchNormalization.of()).add(GlobalAveragePooling2D.of()).add(Dense.of(2)).build();
        // gamma, beta trainable; moving mean and variance not: 4 x 4 params, 8 of them non-trainable
        String[] lines = model.summary().split("\n");
        assertEquals("batch_normalization (BatchNo (None, 6, 6, 4)           16        ", lines[6]);
        assertEquals("Total params: 138", lines[12]);
        assertEquals("Trainable params: 130", lines[13]);
        assertEquals("Non-trainable params: 8", lines[14]);
        assertEquals(138, model.network().numParams());
        assertNetworkAgrees(model);
    }

    @Test
    void dropoutRateIsTheFractionDropped() {
        Dropout d = Dropout.of(0.3);
        assertEquals(0.3, d.rate());
        assertEquals(0.7, d.retainProbability(), 1e-15);
        assertEquals(1.0, Dropout.of(0).retainProbability());
        for (double bad : new double[] {1, -0.1, 1.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dropout.of(bad),
                    "rate " + bad);
            assertTrue(e.getMessage().contains("rate") && e.getMessage().contains("[0, 1)"), e.getMessage());
        }
    }

    @Test
    void dropoutDropsTheRateWhileTrainingAndPassesAtInference() {
        Sequential model = Sequential.builder().inputShape(1, 1, 1).seed(3).add(Flatten.of()).add(Dropout.of(0.25))
                .build();
        // a model of only Dropout: run the DL4J layer directly on many ones
        org.deeplearning4j.nn.api.Layer layer = model.network().getLayer(0);
        INDArray ones = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 40_000);
        INDArray train = layer.activate(ones.dup(), true,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        long zeros = train.length() - train.neq(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber()
                .longValue();
        assertEquals(0.25, zeros / 40_000.0, 0.015, "fraction dropped");
        assertEquals(1 / 0.75, train.maxNumber().doubleValue(), 1e-5, "kept inputs scaled by 1 / (1 - rate)");
        INDArray test = layer.activate(ones.dup(), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertEquals(ones, test);
    }

    @Test
    void kerasLayerDefaults() {
        Sequential model = Sequential.builder().inputShape(16, 16, 3).seed(42)
                .add(Conv2D.of(8, 3)).add(MaxPooling2D.of(3)).add(Flatten.of()).add(Dense.of(10))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY).build();
        // valid padding: 16 - 3 + 1 = 14; pool 3 with stride 3 (the pool size): floor((14 - 3) / 3) + 1 = 4
        assertArrayEquals(new int[] {14, 14, 8}, model.layers().get(0).outputShape());
        assertArrayEquals(new int[] {4, 4, 8}, model.layers().get(1).outputShape());
        assertArrayEquals(new int[] {128}, model.layers().get(2).outputShape());
        assertNetworkAgrees(model);
        MultiLayerNetwork net = model.network();
        ConvolutionLayer conv = assertInstanceOf(ConvolutionLayer.class,
                net.getLayerWiseConfigurations().getConf(0).getLayer());
        assertInstanceOf(ActivationIdentity.class, conv.getActivationFn(), "linear unless set");
        assertEquals(ConvolutionMode.Truncate, conv.getConvolutionMode());
        SubsamplingLayer pool = assertInstanceOf(SubsamplingLayer.class,
                net.getLayerWiseConfigurations().getConf(1).getLayer());
        assertArrayEquals(new int[] {3, 3}, pool.getStride());
        BaseLayer dense = (BaseLayer) net.getLayerWiseConfigurations().getConf(2).getLayer();
        assertInstanceOf(ActivationIdentity.class, dense.getActivationFn());
        // Glorot uniform: U(-l, l), l = sqrt(6 / (fanIn + fanOut)), the fans including the kernel area
        assertGlorot(net.getLayer(0).getParam("W"), Math.sqrt(6.0 / (3 * 3 * 3 + 3 * 3 * 8)));
        assertGlorot(net.getLayer(2).getParam("W"), Math.sqrt(6.0 / (128 + 10)));
        assertGlorot(net.getLayer(3).getParam("W"), Math.sqrt(6.0 / (10 + 1)));
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(0.0, net.getLayer(i).getParam("b").amaxNumber().doubleValue(), "zero biases, layer " + i);
        }
        // Adam with Keras's defaults
        IUpdater updater = ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
        Adam adam = assertInstanceOf(Adam.class, updater);
        assertEquals(0.001, adam.getLearningRate());
        assertEquals(0.9, adam.getBeta1());
        assertEquals(0.999, adam.getBeta2());
        assertEquals(1e-7, adam.getEpsilon());
    }

    private static void assertGlorot(INDArray w, double limit) {
        double max = w.amaxNumber().doubleValue();
        assertTrue(max <= limit, "weights within +-" + limit + ", got " + max);
        if (w.length() < 200) {
            return; // too few draws for the statistics below
        }
        assertTrue(max > 0.8 * limit, "weights fill +-" + limit + " (not a narrower init), max " + max);
        assertEquals(0.0, w.meanNumber().doubleValue(), limit * 0.2, "centred");
        double std = w.stdNumber().doubleValue();
        assertEquals(limit / Math.sqrt(3), std, limit / Math.sqrt(3) * 0.2, "uniform spread");
    }

    @Test
    void sameSeedSameWeights() {
        INDArray a = lecture(false).network().params();
        INDArray b = lecture(false).network().params();
        assertEquals(a, b);
    }

    static void assertRefused(Executable build, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should mention '" + f + "'");
        }
    }

    @Test
    void builderRefusals() {
        assertRefused(() -> Sequential.builder().add(Dense.of(1)).build(), "inputShape");
        assertRefused(() -> Sequential.builder().inputShape(0, 8, 3).add(Dense.of(1)).build(), "inputShape");
        assertRefused(() -> Sequential.builder().inputShape(8, 8, 3).build(), "layer");
        assertRefused(() -> Sequential.builder().add(null), "layer");
        assertRefused(() -> Sequential.builder().inputShape(8, 8, 3).name("my model").add(Flatten.of()).build(),
                "name");
        assertRefused(() -> Conv2D.of(0, 3), "filters", ">= 1");
        assertRefused(() -> Conv2D.of(4, 0), "kernel", ">= 1");
        assertRefused(() -> Conv2D.of(4, 3, -1), "kernel width", ">= 1");
        assertRefused(() -> Conv2D.of(4, 3).strides(0), "stride", ">= 1");
        assertRefused(() -> Conv2D.of(4, 3).padding(null), "padding");
        assertRefused(() -> Conv2D.of(4, 3).activation(null), "activation");
        assertRefused(() -> MaxPooling2D.of(0), "pool size", ">= 1");
        assertRefused(() -> MaxPooling2D.of().strides(0, 1), "strides", ">= 1");
        assertRefused(() -> AveragePooling2D.of(-2), "pool size", ">= 1");
        assertRefused(() -> Dense.of(0), "units", ">= 1");
        // shapes that cannot work are refused at build(), naming the layer and what to change
        assertRefused(() -> Sequential.builder().inputShape(2, 2, 3).add(Conv2D.of(4, 3)).build(),
                "Conv2D", "Padding.SAME");
        assertRefused(() -> Sequential.builder().inputShape(3, 3, 3).add(MaxPooling2D.of(4)).build(),
                "MaxPooling2D", "does not fit");
        assertRefused(() -> Sequential.builder().inputShape(8, 8, 3).add(Dense.of(4)).build(), "Dense", "Flatten");
        assertRefused(() -> Sequential.builder().inputShape(8, 8, 3).add(Flatten.of()).add(Conv2D.of(4, 3)).build(),
                "Conv2D", "image-shaped");
        assertRefused(() -> Sequential.builder().inputShape(8, 8, 3).add(Flatten.of()).build(), "Flatten");
    }
}
