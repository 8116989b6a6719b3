package io.github.convscope.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The layer {@link NativeConvolution} builds: DL4J's convolution layer with forward and backward passes through
 * libnd4j's {@code conv2d} / {@code conv2d_bp} operations, in the configured layout (no layout copy), weights in
 * DL4J's [out, in, kH, kW] order (libnd4j weight format 1). ReLU's derivative is taken from the layer's own output
 * (relu(z) > 0 exactly where z > 0), so backpropagation does not recompute the convolution; other activations
 * recompute the pre-activation as DL4J does. A batch goes to libnd4j a few images at a time
 * ({@link #imagesPerCall}), so that oneDNN's layout copies of each call's arrays stay in the processor's cache; the
 * weight and bias gradients of the calls are summed.
 *
 * <p>libnd4j's oneDNN {@code conv2d_bp} (1.0.0-M2.1) reads a non-contiguous output gradient wrongly (DL4J's own layer
 * hands its oneDNN helper such a permuted view in NHWC, hence the wrong NHWC gradients of that helper), so every
 * array given to the operations here is contiguous in C order, copied where it is not.
 */
final class NativeConvolutionLayer extends ConvolutionLayer {
    private static final long serialVersionUID = 1L;

    /**
     * Input and output bytes one libnd4j call handles at most: half the 32 MB last-level cache of the 2-core
     * machines ConvScope is measured on (docs/performance-training.md, "Batches in cache-sized calls").
     */
    static final long DEFAULT_BYTES_PER_CALL = 16L << 20;

    private transient long bytesPerCall = DEFAULT_BYTES_PER_CALL;
    private transient long calls;
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

    /** How many libnd4j convolution calls this layer has made (a pass splits its batch into several). */
    long nativeCalls() {
        return calls;
    }

    /** Sets the input and output bytes one libnd4j call handles at most (at least one image a call). */
    void bytesPerCall(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytesPerCall must be at least 1, got " + bytes);
        }
        bytesPerCall = bytes;
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
        IActivation afn = layerConf().getActivationFn();
        convolve(x, w, b, out, g, afn instanceof ActivationIdentity ? null : afn, training);
        CustomLayers.freeTemporary(x, input);
        // Kept for the backward pass: in training, and in an inference pass outside DL4J's workspaces (an explanation's
        // gradient pass), whose output nothing overwrites before the backward pass.
        if ((training || !out.isAttached()) && CustomLayers.plainRelu(afn)) {
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
        // arrays made here and not returned, freed at the end (CustomLayers.freeTemporary)
        List<INDArray> temporaries = new ArrayList<>();
        INDArray x = contiguous(input);
        temporaries.add(x);
        INDArray w = getParamWithNoise(ConvolutionParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray b = hasBias() ? getParamWithNoise(ConvolutionParamInitializer.BIAS_KEY, true, workspaceMgr) : null;
        Geometry g = geometry(x);
        INDArray eps = contiguous(epsilon);
        temporaries.add(eps);
        IActivation afn = layerConf().getActivationFn();
        INDArray delta;
        INDArray reluOutput = null;
        if (afn instanceof ActivationIdentity) {
            delta = eps;
        } else if (afn instanceof ActivationReLU && lastOutput != null && lastInput == input
                && !lastOutput.wasClosed()) {
            // in place, a call's images at a time below: the incoming gradient is this layer's alone (the layer
            // above allocated it for it)
            delta = eps;
            reluOutput = lastOutput;
        } else {
            INDArray z = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, g.outputShape(x), 'c');
            convolve(x, w, b, z, g, null, true);
            INDArray e = eps.dup();
            delta = contiguous(afn.backprop(z, e).getFirst());
            temporaries.addAll(Arrays.asList(z, e, delta));
        }
        lastInput = null;
        lastOutput = null;
        INDArray gradInput = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, x.shape(), 'c');
        INDArray gradW = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
        INDArray gradB = b == null ? null : gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        long n = x.size(0);
        long k = imagesPerCall(x, delta);
        INDArray partW = k < n ? workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, dataType, gradW.shape(),
                'c') : null;
        INDArray partB = k < n && gradB != null ? workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM,
                dataType, gradB.shape(), 'c') : null;
        for (long from = 0; from < n; from += k) {
            long to = Math.min(n, from + k);
            INDArray d = images(delta, from, to, n);
            if (reluOutput != null) {
                Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(images(reluOutput, from, to, n), d)
                        .addOutputs(d).addFloatingPointArguments(0.0).build());
            }
            // the first call writes the gradients, later ones add theirs (summed over the batch, as DL4J's are)
            INDArray gw = from == 0 ? gradW : partW;
            INDArray gb = from == 0 ? gradB : partB;
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
            INDArray xs = images(x, from, to, n);
            if (b == null) {
                op.addInputs(xs, w, d).addOutputs(images(gradInput, from, to, n), gw);
            } else {
                op.addInputs(xs, w, b, d).addOutputs(images(gradInput, from, to, n), gw, gb);
            }
            Nd4j.exec(op.addIntegerArguments(g.iArgs()).build());
            if (from > 0) {
                gradW.addi(partW);
                if (gradB != null) {
                    gradB.addi(partB);
                }
            }
            calls++;
        }
        temporaries.add(partW);
        temporaries.add(partB);
        for (INDArray t : temporaries) {
            CustomLayers.freeTemporary(t, input, epsilon);
        }
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

    /**
     * {@code out = activation(conv(x, w) + b)}, {@link #imagesPerCall} images a call; {@code activation} null for
     * none. Each call's output is activated while it is still in the cache (in place where the function allows).
     */
    private void convolve(INDArray x, INDArray w, INDArray b, INDArray out, Geometry g, IActivation activation,
            boolean training) {
        long n = x.size(0);
        long k = imagesPerCall(x, out);
        for (long from = 0; from < n; from += k) {
            long to = Math.min(n, from + k);
            INDArray o = images(out, from, to, n);
            DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
            if (b == null) {
                op.addInputs(images(x, from, to, n), w);
            } else {
                op.addInputs(images(x, from, to, n), w, b);
            }
            Nd4j.exec(op.addOutputs(o).addIntegerArguments(g.iArgs()).build());
            if (activation != null) {
                INDArray a = activation.getActivation(o, training);
                if (a != o) {
                    o.assign(a);
                }
            }
            calls++;
        }
    }

    /**
     * How many images one libnd4j call takes: as many as keep the call's input and output within
     * {@link #bytesPerCall}, at least one. libnd4j's oneDNN operations copy every array into oneDNN's blocked layout
     * and back; on the lecture's first layer (128 images) those copies cost several times the convolution itself
     * when they stream through memory, and a fraction when a call's arrays stay in the processor's cache.
     */
    long imagesPerCall(INDArray x, INDArray out) {
        long n = x.size(0);
        long bytesPerImage = (x.length() + out.length()) / Math.max(1, n) * x.dataType().width();
        long budget = bytesPerCall > 0 ? bytesPerCall : DEFAULT_BYTES_PER_CALL;
        return Math.max(1, Math.min(n, budget / Math.max(1, bytesPerImage)));
    }

    /** Images {@code from} (inclusive) to {@code to} of the C-order batch {@code a} of {@code n}: a view, no copy. */
    private static INDArray images(INDArray a, long from, long to, long n) {
        return from == 0 && to == n ? a : a.get(NDArrayIndex.interval(from, to));
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
