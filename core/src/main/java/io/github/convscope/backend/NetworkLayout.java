package io.github.convscope.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The single place that decides the data layout of the DL4J network behind a {@code Sequential}, and converts the
 * NHWC batches of the iterators (Keras's channels_last) into it. The model and inspect packages go through here.
 */
public final class NetworkLayout {
    /**
     * The layout of new networks, on the native fast path and on DL4J's plain path alike. NHWC feeds the iterators'
     * batches without any copy; DL4J 1.0.0-M2.1's plain NHWC convolution, pooling and batch-normalization paths give
     * the same outputs and gradients as NCHW, and so does libnd4j's NHWC convolution (checked by
     * NativeAccelerationTest). Models saved in NCHW by earlier versions keep NCHW.
     */
    public static final CNN2DFormat DEFAULT = CNN2DFormat.NHWC;

    private NetworkLayout() {
    }

    /** Converts a float32 NHWC batch [n, h, w, c] into the network's layout (no copy for NHWC). */
    public static INDArray toNetwork(INDArray nhwc, CNN2DFormat format) {
        if (format == CNN2DFormat.NHWC) {
            return nhwc;
        }
        return nhwc.permute(0, 3, 1, 2).dup('c');
    }

    /**
     * Converts a 4-d activation of the network back to NHWC: a view for NCHW; the array itself for NHWC, for an
     * unknown layout (null) and for any other rank.
     */
    public static INDArray toNhwc(INDArray activation, CNN2DFormat format) {
        if (format != CNN2DFormat.NCHW || activation.rank() != 4) {
            return activation;
        }
        return activation.permute(0, 2, 3, 1);
    }
}
