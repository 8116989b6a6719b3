package io.github.convscope.backend;

import java.nio.FloatBuffer;
import java.util.Arrays;
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
 * elsewhere. Both loops are branch-free ({@link Math#max}, so a NaN in a window is its maximum), which made them
 * three times faster than comparing with branches on the lecture's first pooling layer. Inference, other settings,
 * and a backward pass without a matching training forward pass are DL4J's own pooling (libnd4j's {@code maxpool2d},
 * on oneDNN).
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
            // a window's two input rows and its output row copied in bulk; the loop is branch-free (Math.max and
            // conditional moves), as the winner of random data is unpredictable
            float[] top = new float[w * c];
            float[] bottom = new float[w * c];
            float[] row = new float[ow * c];
            FloatBuffer src = in.duplicate();
            FloatBuffer dst = o.duplicate();
            for (int r = 0; r < oh; r++) {
                src.position((img * h + 2 * r) * w * c);
                src.get(top).get(bottom);
                int outBase = (img * oh + r) * ow * c;
                for (int q = 0; q < ow; q++) {
                    int base = 2 * q * c;
                    int rowBase = q * c;
                    for (int ch = 0; ch < c; ch++) {
                        int i = base + ch;
                        float v0 = top[i];
                        float v1 = top[i + c];
                        float v2 = bottom[i];
                        float v3 = bottom[i + c];
                        int k = v1 > v0 ? 1 : 0;
                        float best = Math.max(v0, v1);
                        k = v2 > best ? 2 : k;
                        best = Math.max(best, v2);
                        k = v3 > best ? 3 : k;
                        best = Math.max(best, v3);
                        row[rowBase + ch] = best;
                        won[outBase + rowBase + ch] = (byte) k;
                    }
                }
                dst.position(outBase);
                dst.put(row);
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
        // every element written below (zero where no window's winner is), so no zero-filling first
        INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(),
                'c');
        FloatBuffer e = floats(eps);
        FloatBuffer g = floats(grad);
        byte[] won = winners;
        IntStream.range(0, n).parallel().forEach(img -> {
            float[] rows = new float[2 * w * c];   // a window row's two input rows, zero but at the winners
            float[] row = new float[ow * c];
            FloatBuffer src = e.duplicate();
            FloatBuffer dst = g.duplicate();
            dst.position(img * h * w * c);
            for (int r = 0; r < oh; r++) {
                int outBase = (img * oh + r) * ow * c;
                src.position(outBase);
                src.get(row);
                Arrays.fill(rows, 0f);
                for (int q = 0; q < ow; q++) {
                    int base = 2 * q * c;
                    int rowBase = q * c;
                    for (int ch = 0; ch < c; ch++) {
                        int k = won[outBase + rowBase + ch];
                        rows[base + ch + (k & 1) * c + (k >> 1) * w * c] = row[rowBase + ch];
                    }
                }
                dst.put(rows);   // an odd width's last column stays zero
            }
            if (h % 2 == 1) {
                Arrays.fill(rows, 0, w * c, 0f);
                dst.put(rows, 0, w * c);   // an odd height's last row
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
