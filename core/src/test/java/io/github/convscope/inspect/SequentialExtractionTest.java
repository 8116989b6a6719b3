package io.github.convscope.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Dropout;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.LayerInfo;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The lecture's path: a Sequential fitted for two epochs, then every Keras layer extracted. */
class SequentialExtractionTest {

    @Test
    void everyKerasLayerEqualsTheNetworksOwnActivation() {
        Sequential model = Sequential.builder().inputShape(12, 12, 3).seed(5)
                .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(6, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Dropout.of(0.5))
                .add(Flatten.of())
                .add(Dense.of(8).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
                .build();
        INDArray x = TinyNetworks.images(16, 9);
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 1).gt(0.5).castTo(DataType.FLOAT);
        History history = model.fit(new ListDataSetIterator<>(new DataSet(x, y).asList(), 8), 2, null,
                FitOptions.builder().verbose(0).build());
        assertEquals(2, history.epochs());

        INDArray images = TinyNetworks.images(3, 10);
        List<FeatureMap> lecture = ActivationExtractor.of(model).build().predict(images);
        assertEquals(List.of("conv2d", "max_pooling2d", "conv2d_1", "max_pooling2d_1", "dropout"),
                lecture.stream().map(FeatureMap::layerName).toList());

        List<INDArray> own = model.network().feedForward(model.toNetworkInput(images), false);
        List<FeatureMap> all = ActivationExtractor.of(model).allLayers().build().predict(images);
        assertEquals(model.layers().size(), all.size());
        for (int i = 0; i < all.size(); i++) {
            LayerInfo info = model.layers().get(i);
            FeatureMap map = all.get(i);
            assertEquals(info.name(), map.layerName());
            assertEquals(info.type(), map.layerType());
            long[] expectedShape = new long[info.outputShape().length + 1];
            expectedShape[0] = 3;
            for (int d = 0; d < info.outputShape().length; d++) {
                expectedShape[d + 1] = info.outputShape()[d];
            }
            assertArrayEquals(expectedShape, map.shape(), info.name());
            INDArray expected = model.toNhwc(own.get(info.networkIndex() + 1)).dup('c');
            if (info.type().equals("Flatten")) {
                expected = expected.reshape('c', new long[] {3, expected.length() / 3});
            }
            assertTrue(expected.castTo(DataType.FLOAT).equalsWithEps(map.array(), 1e-6), info.name());
        }

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationExtractor.of(model).build().predict(Nd4j.rand(DataType.FLOAT, 1, 10, 10, 3)));
        assertTrue(e.getMessage().contains("[batch, 12, 12, 3]"), e.getMessage());
    }
}
