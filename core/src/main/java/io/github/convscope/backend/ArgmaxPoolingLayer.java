package io.github.convscope.backend;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The layer {@link ArgmaxPooling} builds. In training, for 2x2 max pooling with stride 2 and no padding on a float32
 * NHWC input, it computes the maxima itself and remembers which of the four inputs won (the first of equal values,
 * in row-major window order, as libnd4j does); the backward pass writes each output gradient to that input and zero
 * elsewhere. Inference, other settings, and a backward pass without a matching training forward pass are DL4J's own
 * pooling (libnd4j's {@code maxpool2d}, on oneDNN).
 */
final class ArgmaxPoolingLayer extends SubsamplingLayer {
    private static final long serialVersionUID = 1L;

    private transient byte[] winners;
    private transient INDArray winnersInput;

    ArgmaxPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private boolean handles(INDArray x) {
        org.deeplearning4j.nn.conf.layers.SubsamplingLayer c = layerConf();
        return c.getPoolingType() == PoolingType.MAX && c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                && c.getKernelSize()[0] == 2 && c.getKernelSize()[1] == 2 && c.getStride()[0] == 2
                && c.getStride()[1] == 2 && c.getPadding()[0] == 0 && c.getPadding()[1] == 0
                && convolutionMode != ConvolutionMode.Same && (c.getDilation() == null
                || c.getDilation()[0] == 1 && c.getDilation()[1] == 1)
                && x.dataType() == DataType.FLOAT && x.rank() == 4 && x.size(1) >= 2 && x.size(2) >= 2
                && x.length() < Integer.MAX_VALUE;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        winnersInput = null;
        if (!training || !handles(input)) {
            // without a backward pass to come, libnd4j's pooling (oneDNN) is faster than recording the winners
            return super.activate(training, workspaceMgr);
        }
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray x = plain(input);
        int n = (int) x.size(0);
        int h = (int) x.size(1);
        int w = (int) x.size(2);
        int c = (int) x.size(3);
        int oh = h / 2;
        int ow = w / 2;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {n, oh, ow, c}, 'c');
        FloatBuffer in = floats(x);
        FloatBuffer o = floats(out);
        int outLength = n * oh * ow * c;
        byte[] won = winners != null && winners.length == outLength ? winners : new byte[outLength];
        IntStream.range(0, n).parallel().forEach(img -> {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    int base = ((img * h + 2 * r) * w + 2 * q) * c;
                    int outBase = ((img * oh + r) * ow + q) * c;
                    for (int ch = 0; ch < c; ch++) {
                        int i = base + ch;
                        float best = in.get(i);
                        byte k = 0;
                        float v = in.get(i + c);
                        if (v > best) {
                            best = v;
                            k = 1;
                        }
                        v = in.get(i + w * c);
                        if (v > best) {
                            best = v;
                            k = 2;
                        }
                        v = in.get(i + w * c + c);
                        if (v > best) {
                            best = v;
                            k = 3;
                        }
                        o.put(outBase + ch, best);
                        won[outBase + ch] = k;
                    }
                }
            }
        });
        winners = won;
        winnersInput = input;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (winnersInput == null || winnersInput != input || !handles(input)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        winnersInput = null;
        int n = (int) input.size(0);
        int h = (int) input.size(1);
        int w = (int) input.size(2);
        int c = (int) input.size(3);
        int oh = h / 2;
        int ow = w / 2;
        INDArray eps = plain(epsilon.castTo(DataType.FLOAT));
        INDArray grad = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');   // zeros
        FloatBuffer e = floats(eps);
        FloatBuffer g = floats(grad);
        byte[] won = winners;
        IntStream.range(0, n).parallel().forEach(img -> {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    int base = ((img * h + 2 * r) * w + 2 * q) * c;
                    int outBase = ((img * oh + r) * ow + q) * c;
                    for (int ch = 0; ch < c; ch++) {
                        int k = won[outBase + ch];
                        int at = base + ch + (k & 1) * c + (k >> 1) * w * c;
                        g.put(at, e.get(outBase + ch));
                    }
                }
            }
        });
        return new Pair<>(new DefaultGradient(), backpropDropOutIfPresent(grad));
    }

    @Override
    public void clear() {
        super.clear();
        winnersInput = null;
    }

    /** A C-order array with default strides and no offset: its elements are one run of the buffer. */
    private static INDArray plain(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.offset() == 0 ? a : a.dup('c');
    }

    private static FloatBuffer floats(INDArray a) {
        FloatPointer p = new FloatPointer(a.data().addressPointer());
        return p.position(0).capacity(a.length()).limit(a.length()).asBuffer();
    }
}
