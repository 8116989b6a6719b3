package io.github.convscope.backend;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's 2-D convolution configuration, computed by libnd4j's {@code conv2d} and {@code conv2d_bp} operations (which
 * a oneDNN build of ND4J runs on oneDNN, in NHWC or NCHW) instead of DL4J's {@code im2col} and matrix multiply. It
 * is a DL4J custom layer: the same settings, parameters ({@code W} as [out, in, kH, kW], {@code b}), initialisers and
 * JSON form as {@link ConvolutionLayer}, only {@link #instantiate} differs.
 *
 * <pre>{@code
 * Layer conv = NativeConvolution.of(new ConvolutionLayer.Builder(3, 3).nOut(16).dataFormat(CNN2DFormat.NHWC));
 * }</pre>
 */
public class NativeConvolution extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON deserialisation; build instances with {@link #of(ConvolutionLayer.Builder)}. */
    public NativeConvolution() {
        super();
    }

    private NativeConvolution(ConvolutionLayer.Builder builder) {
        super(builder);
    }

    /**
     * The configuration {@code builder} describes, computed by libnd4j's convolution operations.
     *
     * @throws IllegalArgumentException where DL4J's {@code build()} refuses the settings (same checks)
     */
    public static NativeConvolution of(ConvolutionLayer.Builder builder) {
        builder.build();   // DL4J's own validation of kernel, stride, padding and mode
        return new NativeConvolution(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return CustomLayers.wire(new NativeConvolutionLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeConvolution clone() {
        return (NativeConvolution) super.clone();
    }
}
