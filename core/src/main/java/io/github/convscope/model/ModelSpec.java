package io.github.convscope.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;

/** Everything that defines a model: validated at construction, turned into a DL4J configuration on demand. */
final class ModelSpec {
    private final String name;
    private final int[] inputShape;
    private final List<LayerSpec> specs;
    private final Optimizer optimizer;
    private final Loss loss;
    private final List<Metric> metrics;
    private final long seed;
    private final CNN2DFormat format;
    private final List<int[]> inputShapes = new ArrayList<>();
    private final List<LayerInfo> infos = new ArrayList<>();
    private long nonTrainable;
    private long total;

    ModelSpec(String name, int[] inputShape, List<LayerSpec> specs, Optimizer optimizer, Loss loss,
            List<Metric> metrics, long seed, CNN2DFormat format) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.specs = List.copyOf(specs);
        this.optimizer = optimizer;
        this.loss = loss;
        this.metrics = List.copyOf(metrics);
        this.seed = seed;
        this.format = format;
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("add at least one layer before build()");
        }
        Map<String, Integer> counters = new HashMap<>();
        int[] shape = inputShape.clone();
        int dl4jIndex = -1;
        for (LayerSpec s : specs) {
            int[] out = s.outputShape(shape);
            // Keras names layers by class, numbering repeats: conv2d, conv2d_1, conv2d_2 (fresh session per model)
            String prefix = LayerRules.namePrefix(s.kerasType());
            int n = counters.merge(prefix, 1, Integer::sum) - 1;
            String layerName = n == 0 ? prefix : prefix + "_" + n;
            if (!(s instanceof Flatten)) {
                dl4jIndex++;
            }
            inputShapes.add(shape);
            long p = s.params(shape);
            total += p;
            nonTrainable += s.nonTrainableParams(shape);
            infos.add(new LayerInfo(layerName, s.kerasType(), dl4jIndex, out, p));
            shape = out;
        }
        if (dl4jIndex < 0) {
            throw new IllegalArgumentException("a model of only Flatten layers computes nothing: add Dense or Conv2D");
        }
        if (loss != null) {
            checkCompile();
        }
    }

    private void checkCompile() {
        LayerSpec last = specs.get(specs.size() - 1);
        if (!(last instanceof Dense dense)) {
            throw new IllegalArgumentException("a compiled model must end with a Dense layer (the layer that carries the "
                    + "loss), but the last layer is " + last.kerasType());
        }
        Activation a = dense.activation();
        int units = dense.units();
        switch (loss) {
            case BINARY_CROSSENTROPY:
                if (a != Activation.SIGMOID) {
                    throw new IllegalArgumentException("binary_crossentropy needs probabilities from a sigmoid, but the "
                            + "last Dense has activation " + a.kerasName() + ": end with Dense.of(1).activation("
                            + "Activation.SIGMOID), or use Loss.CATEGORICAL_CROSSENTROPY with a softmax layer");
                }
                break;
            case CATEGORICAL_CROSSENTROPY:
            case SPARSE_CATEGORICAL_CROSSENTROPY:
                if (a != Activation.SOFTMAX) {
                    throw new IllegalArgumentException(loss.kerasName() + " needs probabilities from a softmax, but the "
                            + "last Dense has activation " + a.kerasName() + ": end with Dense.of(classes).activation("
                            + "Activation.SOFTMAX), or use Loss.BINARY_CROSSENTROPY with Dense.of(1) and a sigmoid");
                }
                if (units < 2) {
                    throw new IllegalArgumentException("a softmax over 1 unit always outputs 1: use Dense.of(classes) with "
                            + "classes >= 2, or Dense.of(1).activation(Activation.SIGMOID) with "
                            + "Loss.BINARY_CROSSENTROPY");
                }
                break;
            default:
                break;
        }
    }

    MultiLayerConfiguration toConfiguration() {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater((optimizer != null ? optimizer : Optimizer.adam()).toUpdater())
                .dataType(DataType.FLOAT)
                .list();
        int index = 0;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec s = specs.get(i);
            boolean outputLayer = loss != null && i == specs.size() - 1;
            Layer layer = outputLayer ? ((Dense) s).toOutputLayer(inputShapes.get(i), loss.toDl4j())
                    : s.toDl4j(inputShapes.get(i), format);
            if (layer != null) {
                layer.setLayerName(infos.get(i).name());
                list.layer(index++, layer);
            }
        }
        list.setInputType(InputType.convolutional(inputShape[0], inputShape[1], inputShape[2], format));
        return list.build();
    }

    String name() {
        return name;
    }

    int[] inputShape() {
        return inputShape;
    }

    List<LayerSpec> specs() {
        return specs;
    }

    Optimizer optimizer() {
        return optimizer;
    }

    Loss loss() {
        return loss;
    }

    List<Metric> metrics() {
        return metrics;
    }

    long seed() {
        return seed;
    }

    CNN2DFormat format() {
        return format;
    }

    List<LayerInfo> layerInfos() {
        return List.copyOf(infos);
    }

    long trainableParams() {
        return total - nonTrainable;
    }

    long nonTrainableParams() {
        return nonTrainable;
    }

    /** Units of the last layer (the width of the predictions). */
    int outputUnits() {
        int[] out = infos.get(infos.size() - 1).outputShape();
        return out[out.length - 1];
    }
}
