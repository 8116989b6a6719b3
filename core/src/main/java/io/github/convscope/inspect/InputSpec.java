package io.github.convscope.inspect;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the network takes as images: the layout it was configured with and, where known, the size. Part of a
 * {@link NetworkCatalog}.
 *
 * @param format the layout the network's first image layer is configured with
 * @param height expected height, 0 when the network does not fix it
 * @param width expected width, 0 when the network does not fix it
 * @param channels expected channels, 0 when the network does not fix it
 */
public record InputSpec(CNN2DFormat format, int height, int width, int channels) {

    /**
     * This spec with the size replaced by a known one (a new value; this one is unchanged).
     *
     * @param h height
     * @param w width
     * @param c channels
     * @return the new spec
     */
    public InputSpec withShape(int h, int w, int c) {
        return new InputSpec(format, h, w, c);
    }

    /**
     * Checks that {@code images} is an NHWC batch of the expected size; the message states the expected shape.
     *
     * @param images the batch to check
     * @throws IllegalArgumentException when it is null or of another shape
     */
    public void check(INDArray images) {
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

    /**
     * The expected shape as text.
     *
     * @return e.g. {@code [batch, 150, 150, 3]}
     */
    public String describe() {
        return "[batch, " + (height > 0 ? height : "height") + ", " + (width > 0 ? width : "width") + ", "
                + (channels > 0 ? channels : "channels") + "]";
    }

    private static boolean matches(int expected, long actual) {
        return actual > 0 && (expected <= 0 || expected == actual);
    }
}
