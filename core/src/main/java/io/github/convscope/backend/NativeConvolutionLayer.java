package io.github.convscope.backend;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer {@link NativeConvolution} builds: DL4J's convolution layer with forward and backward passes through
 * libnd4j's {@code conv2d} / {@code conv2d_bp} operations, in the configured layout (no layout copy), weights in
 * DL4J's [out, in, kH, kW] order (libnd4j weight format 1). ReLU's derivative is taken from the layer's own output
 * (relu(z) > 0 exactly where z > 0), so backpropagation does not recompute the convolution; other activations
 * recompute the pre-activation as DL4J does.
 *
 * <p>libnd4j's oneDNN {@code conv2d_bp} (1.0.0-M2.1) reads a non-contiguous output gradient wrongly (DL4J's own layer
 * hands its oneDNN helper such a permuted view in NHWC, hence the wrong NHWC gradients of that helper), so every
 * array given to the operations here is contiguous in C order, copied where it is not.
 */
final class NativeConvolutionLayer extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    private transient INDArray lastInput;
    private transient INDArray lastOutput;
    private transient long passes;

    NativeConvolutionLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** How many forward and backward passes this layer has run through libnd4j's operations. */
    long nativePasses() {
        return passes;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = contiguous(input);
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray b = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, training, workspaceMgr)
                : null;
        Geometry g = geometry(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, g.outputShape(x), 'c');
        convolve(x, w, b, out, g);
        IActivation afn = layerConf().getActivationFn();
        if (!(afn instanceof ActivationIdentity)) {
            out = afn.getActivation(out, training);
        }
        if (training && derivativeFromOutput(afn)) {
            lastInput = input;
            lastOutput = out;
        } else {
            lastInput = null;
            lastOutput = null;
        }
        passes++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray x = contiguous(input);
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray b = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, true, workspaceMgr) : null;
        Geometry g = geometry(x);
        INDArray eps = contiguous(epsilon);
        IActivation afn = layerConf().getActivationFn();
        INDArray delta;
        if (afn instanceof ActivationIdentity) {
            delta = eps;
        } else if (afn instanceof ActivationReLU && lastOutput != null && lastInput == input
                && !lastOutput.wasClosed()) {
            // in place: the incoming gradient is this layer's alone (the layer above allocated it for it)
            delta = eps;
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(lastOutput, eps).addOutputs(delta)
                    .addFloatingPointArguments(0.0).build());
        } else {
            INDArray z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, g.outputShape(x), 'c');
            convolve(x, w, b, z, g);
            delta = contiguous(afn.backprop(z, eps.dup()).getFirst());
        }
        lastInput = null;
        lastOutput = null;
        INDArray gradInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        INDArray gradW = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray gradB = b == null ? null : gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
        if (b == null) {
            op.addInputs(x, w, delta).addOutputs(gradInput, gradW);
        } else {
            op.addInputs(x, w, b, delta).addOutputs(gradInput, gradW, gradB);
        }
        Nd4j.exec(op.addIntegerArguments(g.iArgs()).build());
        Gradient gradient = new DefaultGradient();
        if (gradB != null) {
            gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, gradB);
        }
        gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, gradW, 'c');
        weightNoiseParams.clear();
        passes++;
        return new Pair<>(gradient, backpropDropOutIfPresent(gradInput));
    }

    @Override
    public void clear() {
        super.clear();
        lastInput = null;
        lastOutput = null;
    }

    private static boolean derivativeFromOutput(IActivation afn) {
        return afn instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
                && relu.getNegativeSlope() == null;
    }

    private void convolve(INDArray x, INDArray w, INDArray b, INDArray out, Geometry g) {
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
        if (b == null) {
            op.addInputs(x, w);
        } else {
            op.addInputs(x, w, b);
        }
        Nd4j.exec(op.addOutputs(out).addIntegerArguments(g.iArgs()).build());
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    private Geometry geometry(INDArray x) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        CNN2DFormat format = c.getCnn2dDataFormat();
        if (x.rank() != 4) {
            throw new DL4JInvalidInputException("layer " + layerId() + " expects a rank 4 " + format + " input, got "
                    + "shape " + java.util.Arrays.toString(x.shape()));
        }
        int chAxis = format == CNN2DFormat.NHWC ? 3 : 1;
        if (x.size(chAxis) != c.getNIn()) {
            throw new DL4JInvalidInputException("layer " + layerId() + " expects " + c.getNIn() + " channels (" + format
                    + "), got input shape " + java.util.Arrays.toString(x.shape()));
        }
        int[] kernel = c.getKernelSize();
        int[] strides = c.getStride();
        int[] dilation = c.getDilation();
        boolean same = convolutionMode == ConvolutionMode.Same;
        int[] outSize = ConvolutionUtils.getOutputSize(x, kernel, strides, same ? null : c.getPadding(),
                convolutionMode, dilation, format);
        int hAxis = format == CNN2DFormat.NHWC ? 1 : 2;
        int[] pad = same ? ConvolutionUtils.getSameModeTopLeftPadding(outSize,
                new int[] {(int) x.size(hAxis), (int) x.size(hAxis + 1)}, kernel, strides, dilation) : c.getPadding();
        return new Geometry(kernel, strides, pad, dilation, same, format, outSize, c.getNOut());
    }

    /** One call's convolution settings in libnd4j's integer-argument order. */
    private record Geometry(int[] kernel, int[] strides, int[] pad, int[] dilation, boolean same, CNN2DFormat format,
            int[] outSize, long channels) {
        int[] iArgs() {
            // kH, kW, sH, sW, pH, pW, dH, dW, same mode, 0 NCHW / 1 NHWC, weights 1 = [out, in, kH, kW]
            return new int[] {kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                same ? 1 : 0, format == CNN2DFormat.NHWC ? 1 : 0, 1};
        }

        long[] outputShape(INDArray x) {
            return format == CNN2DFormat.NHWC ? new long[] {x.size(0), outSize[0], outSize[1], channels}
                    : new long[] {x.size(0), channels, outSize[0], outSize[1]};
        }
    }
}
