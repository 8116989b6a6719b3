package io.github.convscope.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Input gradients equal central finite differences of the class logit on a tiny float64 network. */
class FiniteDifferenceTest {
    private static final double STEP = 1e-6;

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void inputGradientsEqualCentralDifferencesOfTheLogit(CNN2DFormat format) {
        for (int units : new int[] {1, 3}) {
            MultiLayerNetwork net = network(format, units);
            Explainer explainer = Explainer.of(net);
            INDArray images = Nd4j.rand(DataType.DOUBLE, 2, 6, 5, 2).muli(2).subi(0.5);
            int[] classes = units == 1 ? new int[] {0, 1} : new int[] {2, 0};
            INDArray analytic = explainer.inputGradients(images, classes);
            Random random = new Random(3);
            for (int probe = 0; probe < 10; probe++) {
                int i = random.nextInt(2);
                int y = random.nextInt(6);
                int x = random.nextInt(5);
                int c = random.nextInt(2);
                INDArray plus = images.dup();
                plus.putScalar(new long[] {i, y, x, c}, images.getDouble(i, y, x, c) + STEP);
                INDArray minus = images.dup();
                minus.putScalar(new long[] {i, y, x, c}, images.getDouble(i, y, x, c) - STEP);
                double numeric = (score(net, format, plus, i, classes[i], units)
                        - score(net, format, minus, i, classes[i], units)) / (2 * STEP);
                assertEquals(numeric, analytic.getDouble(i, y, x, c), 1e-5 * Math.max(1, Math.abs(numeric)),
                        format + " units " + units + " at " + List.of(i, y, x, c));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void graphBranchesMergesAndSumsBackpropagateExactly(CNN2DFormat format) {
        ComputationGraph graph = graph(format);
        Explainer explainer = Explainer.of(graph);
        INDArray images = Nd4j.rand(DataType.DOUBLE, 2, 6, 5, 2).muli(2).subi(0.5);
        int[] classes = {1, 2};
        INDArray analytic = explainer.inputGradients(images, classes);
        Random random = new Random(5);
        for (int probe = 0; probe < 10; probe++) {
            long[] at = {random.nextInt(2), random.nextInt(6), random.nextInt(5), random.nextInt(2)};
            INDArray plus = images.dup();
            plus.putScalar(at, images.getDouble(at) + STEP);
            INDArray minus = images.dup();
            minus.putScalar(at, images.getDouble(at) - STEP);
            int i = (int) at[0];
            double numeric = (graphScore(graph, format, plus, i, classes[i])
                    - graphScore(graph, format, minus, i, classes[i])) / (2 * STEP);
            assertEquals(numeric, analytic.getDouble(at), 1e-5 * Math.max(1, Math.abs(numeric)),
                    format + " at " + java.util.Arrays.toString(at));
        }
        assertEquals(List.of("a", "b", "c"), explainer.convolutionLayers());
    }

    private static double graphScore(ComputationGraph graph, CNN2DFormat format, INDArray nhwc, int i, int cls) {
        INDArray x = format == CNN2DFormat.NCHW ? nhwc.permute(0, 3, 1, 2).dup('c') : nhwc;
        INDArray h = graph.feedForward(new INDArray[] {x}, false).get("dense");
        INDArray z = h.mmul(graph.getLayer("out").getParam("W")).addRowVector(graph.getLayer("out").getParam("b"));
        return z.getDouble(i, cls);
    }

    private static ComputationGraph graph(CNN2DFormat format) {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(11)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .addLayer("a", new ConvolutionLayer.Builder(3, 3).nOut(2).dataFormat(format)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build(), "in")
                .addLayer("b", new ConvolutionLayer.Builder(1, 1).nOut(2).dataFormat(format)
                        .activation(Activation.SIGMOID).build(), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a", "b")
                .addVertex("both", new MergeVertex(), "merge", "sum")
                .addLayer("c", new ConvolutionLayer.Builder(2, 2).nOut(3).dataFormat(format)
                        .activation(Activation.SOFTPLUS).build(), "both")
                .addLayer("dense", new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build(), "c")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").setInputTypes(InputType.convolutional(6, 5, 2, format)).build());
        graph.init();
        return graph;
    }

    /** The class score: the output layer's pre-activation, sign-flipped for class 0 of one sigmoid unit. */
    private static double score(MultiLayerNetwork net, CNN2DFormat format, INDArray nhwc, int i, int cls, int units) {
        INDArray x = format == CNN2DFormat.NCHW ? nhwc.permute(0, 3, 1, 2).dup('c') : nhwc;
        List<INDArray> acts = net.feedForward(x, false);
        INDArray h = acts.get(acts.size() - 2);
        INDArray z = h.mmul(net.getLayer(net.getnLayers() - 1).getParam("W"))
                .addRowVector(net.getLayer(net.getnLayers() - 1).getParam("b"));
        return units == 1 ? (cls == 1 ? 1 : -1) * z.getDouble(i, 0) : z.getDouble(i, cls);
    }

    private static MultiLayerNetwork network(CNN2DFormat format, int units) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(3).dataFormat(format)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(4).dataFormat(format)
                        .activation(Activation.SOFTPLUS).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(units == 1 ? LossFunctions.LossFunction.XENT
                        : LossFunctions.LossFunction.MCXENT).nOut(units)
                        .activation(units == 1 ? Activation.SIGMOID : Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 5, 2, format)).build());
        net.init();
        return net;
    }
}
