package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@code MultiLayerNetwork.fit} takes a {@link DirectoryIterator} as it is, DL4J's async prefetch included. */
class FitTest {
    @Test
    void fitAcceptsTheIterator(@TempDir Path root) {
        for (int k = 0; k < 6; k++) {
            TestImages.png(root.resolve("dark/" + k + ".png"), 8, 8, 10 + k, 20, 30);
            TestImages.png(root.resolve("light/" + k + ".png"), 8, 8, 200 - k, 220, 230);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-2)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU)
                        .dataFormat(CNN2DFormat.NHWC).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 3, CNN2DFormat.NHWC)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray before = net.params().dup();
        try (DirectoryIterator it = DirectoryIterator.builder(root).targetSize(8, 8).batchSize(5).seed(2).build()) {
            it.setPreProcessor(ds -> ds.getFeatures().muli(1f / 255));
            net.fit(it, 2);
            assertFalse(before.equals(net.params()), "fit changed the parameters");
            assertTrue(Double.isFinite(net.score()));
            // the iterator is still usable after fit's own resets
            it.reset();
            int samples = 0;
            while (it.hasNext()) {
                samples += it.next().numExamples();
            }
            assertEquals(12, samples);
        }
    }
}
