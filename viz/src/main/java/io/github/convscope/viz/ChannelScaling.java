package io.github.convscope.viz;

/** The lecture's display scaling of one activation channel to 0..255. */
final class ChannelScaling {
    private ChannelScaling() {
    }

    /**
     * The lecture's {@code x -= x.mean(); x /= x.std(); x *= 64; x += 128; np.clip(x, 0, 255).astype('uint8')}, in
     * float32 like NumPy, with the population standard deviation (ddof 0). A constant channel (std 0), which NumPy
     * would turn into NaN, stays flat at 128.
     */
    static int[] toUint8(float[] values) {
        int n = values.length;
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        float mean = (float) (sum / n);
        double squares = 0;
        for (float v : values) {
            double d = v - mean; // the float32 difference, widened
            squares += d * d;
        }
        float std = (float) Math.sqrt(squares / n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (std == 0f) {
                out[i] = 128;
                continue;
            }
            float x = (values[i] - mean) / std * 64f + 128f;
            // np.clip, then astype('uint8') truncates toward zero.
            out[i] = (int) Math.max(0f, Math.min(255f, x));
        }
        return out;
    }
}
