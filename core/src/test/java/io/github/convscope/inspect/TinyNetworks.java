package io.github.convscope.inspect;

import io.github.convscope.model.LayerInfo;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small trained networks shaped like the lecture's CNN (12x12x3 images), for the extractor tests. */
final class TinyNetworks {
    static final int SIZE = 12;

    private TinyNetworks() {
    }

    /** Random NHWC images in [0, 1). */
    static INDArray images(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, SIZE, SIZE, 3);
    }

    /** conv, pool, conv, pool, dropout, (flatten), dense, sigmoid output; trained a few steps on random data. */
    static MultiLayerNetwork sequential(CNN2DFormat format) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).updater(new Adam(1e-2))
                .dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).dataFormat(format).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).dataFormat(format).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build())
                .layer(new DropoutLayer(0.5))
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 3, format))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = images(16, 1);
        if (format == CNN2DFormat.NCHW) {
            x = x.permute(0, 3, 1, 2).dup('c');
        }
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 1).gt(0.5).castTo(DataType.FLOAT);
        for (int step = 0; step < 3; step++) {
            net.fit(new DataSet(x, y));
        }
        return net;
    }

    /** The Keras description of {@link #sequential}: Flatten is taken from the dropout layer's output. */
    static List<LayerInfo> kerasLayers() {
        return List.of(
                new LayerInfo("conv2d", "Conv2D", 0, new int[] {12, 12, 4}, 112),
                new LayerInfo("max_pooling2d", "MaxPooling2D", 1, new int[] {6, 6, 4}, 0),
                new LayerInfo("conv2d_1", "Conv2D", 2, new int[] {6, 6, 6}, 222),
                new LayerInfo("max_pooling2d_1", "MaxPooling2D", 3, new int[] {3, 3, 6}, 0),
                new LayerInfo("dropout", "Dropout", 4, new int[] {3, 3, 6}, 0),
                new LayerInfo("flatten", "Flatten", 4, new int[] {54}, 0),
                new LayerInfo("dense", "Dense", 5, new int[] {8}, 440),
                new LayerInfo("dense_1", "Dense", 6, new int[] {1}, 9));
    }

    /** in -> conv a -> conv b -> add(a, b) -> pool -> dense output, NCHW, trained a few steps. */
    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(1e-2))
                .dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build(), "a")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), "sum")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.convolutional(SIZE, SIZE, 3))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray x = images(16, 2).permute(0, 3, 1, 2).dup('c');
        INDArray y = Nd4j.rand(DataType.FLOAT, 16, 1).gt(0.5).castTo(DataType.FLOAT);
        for (int step = 0; step < 3; step++) {
            graph.fit(new DataSet(x, y));
        }
        return graph;
    }
}
