package io.github.convscope.backend;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's pooling configuration whose layer, for the lecture's max pooling (2x2 window, stride 2, no padding, NHWC,
 * float32), keeps the position of each window's maximum from the forward pass and scatters the gradient there in the
 * backward pass, instead of libnd4j's {@code maxpool2d_bp}, which runs the pooling again to find them. Other
 * settings run DL4J's own pooling. A DL4J custom layer: same settings and JSON form as {@link SubsamplingLayer}.
 *
 * <pre>{@code
 * Layer pool = ArgmaxPooling.of(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2));
 * }</pre>
 */
public class ArgmaxPooling extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON deserialisation; build instances with {@link #of(SubsamplingLayer.Builder)}. */
    public ArgmaxPooling() {
        super();
    }

    private ArgmaxPooling(SubsamplingLayer.Builder builder) {
        super(builder);
    }

    /**
     * The configuration {@code builder} describes, with the argmax-keeping layer.
     *
     * @throws IllegalArgumentException where DL4J's {@code build()} refuses the settings (same checks)
     */
    public static ArgmaxPooling of(SubsamplingLayer.Builder builder) {
        builder.build();   // DL4J's own validation
        return new ArgmaxPooling(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return CustomLayers.wire(new ArgmaxPoolingLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public ArgmaxPooling clone() {
        return (ArgmaxPooling) super.clone();
    }
}
