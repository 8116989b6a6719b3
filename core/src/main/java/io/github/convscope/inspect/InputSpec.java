package io.github.convscope.inspect;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the network takes as images: the layout it was configured with and, where known, the size.
 *
 * @param format the layout the network's first image layer is configured with
 * @param height expected height, 0 when the network does not fix it
 * @param width expected width, 0 when the network does not fix it
 * @param channels expected channels, 0 when the network does not fix it
 */
record InputSpec(CNN2DFormat format, int height, int width, int channels) {

    /** This spec with the size replaced by a known one. */
    InputSpec withShape(int h, int w, int c) {
        return new InputSpec(format, h, w, c);
    }

    /** Checks that {@code images} is an NHWC batch of the expected size; the message states the expected shape. */
    void check(INDArray images) {
        if (images == null) {
            throw new IllegalArgumentException("images must not be null; expected NHWC " + describe());
        }
        long[] s = images.shape();
        boolean ok = images.rank() == 4 && s[0] > 0 && matches(height, s[1]) && matches(width, s[2])
                && matches(channels, s[3]);
        if (!ok) {
            throw new IllegalArgumentException("images must be an NHWC float batch of shape " + describe() + ", got "
                    + Arrays.toString(s));
        }
    }

    /** The expected shape as text, e.g. {@code [batch, 150, 150, 3]}. */
    String describe() {
        return "[batch, " + (height > 0 ? height : "height") + ", " + (width > 0 ? width : "width") + ", "
                + (channels > 0 ? channels : "channels") + "]";
    }

    private static boolean matches(int expected, long actual) {
        return actual > 0 && (expected <= 0 || expected == actual);
    }
}
