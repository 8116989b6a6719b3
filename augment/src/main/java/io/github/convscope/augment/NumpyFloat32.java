package io.github.convscope.augment;

/**
 * NumPy's float32 reductions as Keras meets them: {@code np.mean} / {@code np.std} of one image (a contiguous full
 * reduction: pairwise summation in blocks of 8192) and the per-channel mean / std of {@code fit} (a reduction over
 * N, H, W that NumPy runs as one sequential float32 accumulation per channel).
 */
final class NumpyFloat32 {
    private static final int BUFFER = 8192; // NumPy's iterator buffer size bounds each pairwise-summed block
    private static final int PAIRWISE_BLOCK = 128; // NumPy PW_BLOCKSIZE

    private NumpyFloat32() {
    }

    /** {@code np.sum} of a contiguous float32 array: pairwise sums of 8192-value blocks, accumulated in order. */
    static float sum(float[] a, int from, int length) {
        float total = 0f;
        for (int start = 0; start < length; start += BUFFER) {
            total += pairwise(a, from + start, Math.min(BUFFER, length - start));
        }
        return total;
    }

    /** NumPy's {@code FLOAT_pairwise_sum}: 8 accumulators up to 128 values, halving above. */
    private static float pairwise(float[] a, int from, int n) {
        if (n < 8) {
            float res = 0f;
            for (int i = 0; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        if (n <= PAIRWISE_BLOCK) {
            float r0 = a[from];
            float r1 = a[from + 1];
            float r2 = a[from + 2];
            float r3 = a[from + 3];
            float r4 = a[from + 4];
            float r5 = a[from + 5];
            float r6 = a[from + 6];
            float r7 = a[from + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[from + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }

    /** {@code np.mean(x)} over a whole contiguous float32 image. */
    static float mean(float[] a) {
        return sum(a, 0, a.length) / (float) a.length;
    }

    /** {@code np.std(x)} (population) over a whole contiguous float32 image. */
    static float std(float[] a) {
        float mean = mean(a);
        float[] squares = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - mean;
            squares[i] = d * d;
        }
        return (float) Math.sqrt(sum(squares, 0, squares.length) / (float) a.length);
    }

    /**
     * {@code np.mean(x, axis=(0, 1, 2))} of NHWC data: for several channels NumPy accumulates each channel
     * sequentially in float32; for one channel the reduction is a full contiguous one (pairwise blocks).
     */
    static float[] channelMeans(float[] x, int channels) {
        float[] sums = channelSums(x, channels);
        float count = (float) (x.length / channels);
        for (int c = 0; c < channels; c++) {
            sums[c] = sums[c] / count;
        }
        return sums;
    }

    /** {@code np.std(x, axis=(0, 1, 2))} of NHWC data (population), with NumPy's float32 order of operations. */
    static float[] channelStds(float[] x, int channels) {
        float[] means = channelMeans(x, channels);
        float[] squares = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float d = x[i] - means[i % channels];
            squares[i] = d * d;
        }
        float[] sums = channelSums(squares, channels);
        float count = (float) (x.length / channels);
        for (int c = 0; c < channels; c++) {
            sums[c] = (float) Math.sqrt(sums[c] / count);
        }
        return sums;
    }

    private static float[] channelSums(float[] x, int channels) {
        if (channels == 1) {
            return new float[] {sum(x, 0, x.length)};
        }
        float[] sums = new float[channels];
        for (int i = 0; i < x.length; i += channels) {
            for (int c = 0; c < channels; c++) {
                sums[c] += x[i + c];
            }
        }
        return sums;
    }
}
