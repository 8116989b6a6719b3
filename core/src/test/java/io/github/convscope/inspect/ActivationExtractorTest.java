package io.github.convscope.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ActivationExtractorTest {
    private static MultiLayerNetwork nhwc;
    private static MultiLayerNetwork nchw;
    private static ComputationGraph graph;
    private static INDArray images;

    @BeforeAll
    static void train() {
        nhwc = TinyNetworks.sequential(CNN2DFormat.NHWC);
        nchw = TinyNetworks.sequential(CNN2DFormat.NCHW);
        graph = TinyNetworks.graph();
        images = TinyNetworks.images(5, 42);
    }

    /** The network's own activations of layer {@code i} for {@code images}, converted to NHWC. */
    private static INDArray reference(MultiLayerNetwork net, CNN2DFormat format, int layer) {
        INDArray x = format == CNN2DFormat.NCHW ? images.permute(0, 3, 1, 2).dup('c') : images;
        INDArray a = net.feedForward(x, false).get(layer + 1);
        return a.rank() == 4 && format == CNN2DFormat.NCHW ? a.permute(0, 2, 3, 1) : a;
    }

    private static void assertSame(INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape());
        assertEquals(DataType.FLOAT, actual.dataType());
        assertTrue(expected.equalsWithEps(actual, 1e-6), "activations differ");
    }

    @Test
    void everyLayerEqualsFeedForwardForBothLayouts() {
        for (CNN2DFormat format : CNN2DFormat.values()) {
            MultiLayerNetwork net = format == CNN2DFormat.NHWC ? nhwc : nchw;
            ActivationModel model = ActivationExtractor.of(net).allLayers().build();
            List<FeatureMap> maps = model.predict(images);
            assertEquals(7, maps.size());
            for (int i = 0; i < maps.size(); i++) {
                assertSame(reference(net, format, i), maps.get(i).array());
            }
            assertArrayEquals(new long[] {5, 12, 12, 4}, maps.get(0).shape(), format + ": conv is NHWC");
            assertArrayEquals(new long[] {5, 1}, maps.get(6).shape());
        }
    }

    @Test
    void kerasDescriptionNamesLayersAndFlattensInKerasOrder() {
        ActivationModel model = ActivationExtractor.of(nchw, TinyNetworks.kerasLayers())
                .layers("conv2d_1", "flatten", "dense").build();
        List<FeatureMap> maps = model.predict(images);
        assertEquals(List.of("conv2d_1", "flatten", "dense"), maps.stream().map(FeatureMap::layerName).toList());
        assertEquals(List.of("Conv2D", "Flatten", "Dense"), maps.stream().map(FeatureMap::layerType).toList());
        assertSame(reference(nchw, CNN2DFormat.NCHW, 2), maps.get(0).array());
        INDArray dropoutNhwc = reference(nchw, CNN2DFormat.NCHW, 4).dup('c');
        assertSame(dropoutNhwc.reshape('c', 5, 54), maps.get(1).array());
        // Keras order: index (row * 3 + col) * 6 + channel.
        assertEquals(dropoutNhwc.getFloat(3, 1, 2, 5), maps.get(1).array().getFloat(3, (1 * 3 + 2) * 6 + 5), 0f);
        assertSame(reference(nchw, CNN2DFormat.NCHW, 5), maps.get(2).array());
    }

    @Test
    void defaultSelectionIsConvolutionUpToFlattenWithDropoutOff() {
        List<FeatureMap> keras = ActivationExtractor.of(nhwc, TinyNetworks.kerasLayers()).build().predict(images);
        assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "dropout"),
                keras.stream().map(FeatureMap::layerName).toList());
        // Inference mode: the dropout layer passes the pooling output through unchanged.
        assertSame(keras.get(3).array(), keras.get(4).array());
        List<String> raw = ActivationExtractor.of(nhwc).build().layerNames();
        assertEquals(List.of("layer0", "layer1", "layer2", "layer3", "layer4"), raw);
    }

    @Test
    void selectionByType() {
        ActivationModel pools = ActivationExtractor.of(nhwc, TinyNetworks.kerasLayers())
                .layerTypes("MaxPooling2D", "Dropout").build();
        assertEquals(List.of("max_pooling2d", "max_pooling2d_1", "dropout"), pools.layerNames());
        ActivationModel raw = ActivationExtractor.of(nhwc).layerTypes("ConvolutionLayer").build();
        assertEquals(List.of("layer0", "layer2"), raw.layerNames());
        List<FeatureMap> maps = raw.predict(images);
        assertSame(reference(nhwc, CNN2DFormat.NHWC, 2), maps.get(1).array());
    }

    @Test
    void stopsAtTheDeepestSelectedLayer() {
        // 16x16 images would break the dense layer (it expects 3x3x6); the conv layers accept them.
        INDArray larger = org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 2, 16, 16, 3);
        List<FeatureMap> maps = ActivationExtractor.of(nhwc).layers("layer0", "layer1").build().predict(larger);
        assertArrayEquals(new long[] {2, 8, 8, 4}, maps.get(1).shape());
        List<FeatureMap> graphMaps = ActivationExtractor.of(graph).layers("a").build().predict(larger);
        assertArrayEquals(new long[] {2, 16, 16, 4}, graphMaps.get(0).shape());
    }

    @Test
    void chunkedPredictionEqualsOnePass() {
        List<FeatureMap> whole = ActivationExtractor.of(nchw).build().predict(images);
        List<FeatureMap> chunked = ActivationExtractor.of(nchw).chunkSize(2).build().predict(images);
        assertEquals(whole.size(), chunked.size());
        for (int i = 0; i < whole.size(); i++) {
            assertSame(whole.get(i).array(), chunked.get(i).array());
        }
    }

    @Test
    void graphVerticesEqualFeedForward() {
        ActivationModel model = ActivationExtractor.of(graph).allLayers().build();
        assertEquals(List.of("a", "b", "sum", "pool", "out"), model.layerNames());
        Map<String, INDArray> expected = graph.feedForward(images.permute(0, 3, 1, 2).dup('c'), false);
        List<FeatureMap> maps = model.predict(images);
        for (FeatureMap map : maps) {
            INDArray e = expected.get(map.layerName());
            assertSame(e.rank() == 4 ? e.permute(0, 2, 3, 1) : e, map.array());
        }
        assertEquals(List.of("a", "b", "sum", "pool"), ActivationExtractor.of(graph).build().layerNames());
        assertEquals("ElementWiseVertex", maps.get(2).layerType());
    }

    @Test
    void featureMapAccess() {
        FeatureMap conv = ActivationExtractor.of(nhwc).layers("layer0").build().predict(images).get(0);
        assertTrue(conv.isSpatial());
        assertEquals(5, conv.batchSize());
        assertEquals(12, conv.height());
        assertEquals(12, conv.width());
        assertEquals(4, conv.channels());
        assertArrayEquals(new long[] {12, 12, 4}, conv.image(3).shape());
        assertEquals(conv.array().getFloat(3, 7, 2, 1), conv.channel(3, 1).getFloat(7, 2), 0f);
        assertEquals(conv.array().getFloat(3, 7, 2, 1), conv.channelValues(3, 1)[7 * 12 + 2], 0f);
        assertThrows(IndexOutOfBoundsException.class, () -> conv.channel(0, 4));
        FeatureMap dense = ActivationExtractor.of(nhwc).layers("layer5").build().predict(images).get(0);
        assertFalse(dense.isSpatial());
        assertEquals(8, dense.channels());
        assertThrows(IllegalStateException.class, () -> dense.channel(0, 0));
    }

    @Test
    void unknownNameListsTheAvailableNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationExtractor.of(nhwc, TinyNetworks.kerasLayers()).layers("conv2d", "conv2d_9").build());
        assertTrue(e.getMessage().contains("conv2d_9"), e.getMessage());
        assertTrue(e.getMessage().contains("[conv2d, max_pooling2d, conv2d_1, max_pooling2d_1, dropout, flatten, "
                + "dense, dense_1]"), e.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> ActivationExtractor.of(nhwc).layerTypes("Conv2D").build());
        assertTrue(type.getMessage().contains("ConvolutionLayer"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActivationExtractor.of(nhwc).chunkSize(0).build());
    }

    @Test
    void wrongInputShapeStatesTheExpectedShape() {
        ActivationModel model = ActivationExtractor.of(nchw).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(images.permute(0, 3, 1, 2)));
        assertTrue(e.getMessage().contains("[batch, height, width, 3]"), e.getMessage());
        assertTrue(e.getMessage().contains("[5, 3, 12, 12]"), e.getMessage());
        ActivationModel sized = ActivationExtractor.of(nhwc).inputShape(12, 12, 3).build();
        IllegalArgumentException sizeError = assertThrows(IllegalArgumentException.class,
                () -> sized.predict(org.nd4j.linalg.factory.Nd4j.rand(DataType.FLOAT, 1, 10, 12, 3)));
        assertTrue(sizeError.getMessage().contains("[batch, 12, 12, 3]"), sizeError.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sized.predict(images.reshape(5, 432)));
    }
}
