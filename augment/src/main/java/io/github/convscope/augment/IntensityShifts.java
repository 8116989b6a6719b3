package io.github.convscope.augment;

/** Keras's two intensity transforms on an HWC float32 array: the channel shift and the PIL brightness path. */
final class IntensityShifts {
    private IntensityShifts() {
    }

    /**
     * Keras {@code apply_channel_shift}: min and max over the whole image (all channels), then every value becomes
     * clip(x + float32(c), min, max) in float32.
     */
    static void channelShift(float[] data, double intensity) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float c = (float) intensity; // NumPy: a Python float added to a float32 array is cast to float32 first
        for (int i = 0; i < data.length; i++) {
            float v = data[i] + c;
            data[i] = v < min ? min : (v > max ? max : v);
        }
    }

    /**
     * Keras {@code apply_brightness_shift} through PIL: {@code array_to_img} (shift by -min when min &lt; 0, divide by
     * the max when it is not 0, times 255, all in float32, then uint8 truncation), {@code ImageEnhance.Brightness}
     * (blend with black: trunc(float32(b) * v), clamped to [0, 255]; alpha kept for 4 channels), and back to float.
     */
    static void brightness(float[] data, int channels, double factor) {
        if (channels != 1 && channels != 3 && channels != 4) {
            // Keras array_to_img: "Unsupported channel number"
            throw new IllegalArgumentException("brightness needs 1, 3 or 4 channels, got " + channels);
        }
        float min = Float.POSITIVE_INFINITY;
        for (float v : data) {
            min = Math.min(min, v);
        }
        // Keras array_to_img(scale=True): x + max(-min, 0), then / max if max != 0, then * 255
        float shift = -min > 0 ? -min : 0f;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < data.length; i++) {
            data[i] = data[i] + shift;
            max = Math.max(max, data[i]);
        }
        float alpha = (float) factor; // Pillow ImagingBlend takes a C float
        boolean extrapolate = !(alpha >= 0 && alpha <= 1.0);
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            if (max != 0) {
                v = v / max;
            }
            v = v * 255f;
            int u = toUint8(v);
            if (channels == 4 && i % 4 == 3) {
                data[i] = u; // Pillow Brightness: the degenerate image carries the alpha, so alpha is kept
                continue;
            }
            float t = alpha * u; // Pillow blend: in1 + alpha * (in2 - in1) with in1 = 0, in float
            int out;
            if (extrapolate) {
                out = t <= 0f ? 0 : (t >= 255f ? 255 : (int) t);
            } else {
                out = (int) t;
            }
            data[i] = out;
        }
    }

    /** NumPy {@code astype('uint8')} of a float in [0, 255]: truncation (values outside wrap like C casts). */
    private static int toUint8(float v) {
        if (v >= 0 && v < 256) {
            return (int) v;
        }
        if (Float.isNaN(v)) {
            return 0;
        }
        return ((int) v) & 0xFF;
    }
}
