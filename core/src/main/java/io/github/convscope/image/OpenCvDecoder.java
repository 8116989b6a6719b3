package io.github.convscope.image;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes encoded image bytes with OpenCV's {@code imdecode} into 8-bit pixels, one bulk copy out of native memory.
 * Returns 1 channel (grey), 3 (RGB) or 4 (RGBA: files with alpha, grey+alpha, palettes with transparency), which is
 * what Pillow opens the same files as, up to the conversions {@link ColorConversion} does. Colour images may be left
 * in OpenCV's blue-first order ({@link #decodeBlueFirst}) so that the swap runs on the resized image only.
 */
final class OpenCvDecoder {
    /**
     * IMREAD_UNCHANGED keeps alpha, 16-bit samples and grey as they are, expands palettes, and is the one flag set
     * for which OpenCV does not apply EXIF orientation (Pillow, hence Keras, ignores it).
     */
    private static final int FLAGS = IMREAD_UNCHANGED;

    private OpenCvDecoder() {
    }

    /** Decoded pixels; {@code blueFirst} when a 3- or 4-channel image is still in BGR(A) order. */
    record Decoded(ByteImage image, boolean blueFirst) {
    }

    /** Decodes {@code bytes} in RGB order; {@code name} only names the file in errors. */
    static ByteImage decode(byte[] bytes, Path name) {
        Decoded d = decodeBlueFirst(bytes, name);
        if (d.blueFirst()) {
            swapRedBlue(d.image().data(), d.image().channels());
        }
        return d.image();
    }

    /**
     * Decodes {@code bytes}, leaving 3- and 4-channel images in OpenCV's BGR(A) order (said by the result); every
     * step that follows but the grey conversion treats the channels alike, so {@link #swapRedBlue} can come last.
     */
    static Decoded decodeBlueFirst(byte[] bytes, Path name) {
        return decodeBlueFirst(bytes, name, false);
    }

    /**
     * As {@link #decodeBlueFirst(byte[], Path)}; {@code integerSamples} says that 32-bit samples are integers, which
     * OpenCV's TIFF reader hands over as the bits of floats.
     */
    static Decoded decodeBlueFirst(byte[] bytes, Path name, boolean integerSamples) {
        Mat decoded;
        try (BytePointer pointer = new BytePointer(bytes);
                Mat buffer = new Mat(1, bytes.length, CV_8UC1, pointer)) {
            decoded = imdecode(buffer, FLAGS);
        } catch (RuntimeException e) {
            throw new ImageLoadException(name, "cannot be decoded: " + e.getMessage(), e);
        }
        try (Mat mat = decoded) {
            if (mat == null || mat.empty()) {
                throw new ImageLoadException(name, "is not an image in a supported format, or is corrupt");
            }
            if (!mat.isContinuous()) {
                throw new ImageLoadException(name, "decoded to a non-contiguous matrix");
            }
            return toRgb(mat, name, integerSamples);
        }
    }

    private static Decoded toRgb(Mat mat, Path name, boolean integerSamples) {
        int h = mat.rows();
        int w = mat.cols();
        int c = mat.channels();
        int n = Math.multiplyExact(Math.multiplyExact(h, w), c);
        byte[] pixels = new byte[n];
        if (mat.depth() == CV_8U) {
            mat.data().get(pixels);
        } else if (mat.depth() == CV_16U) {
            short[] wide = new short[n];
            new ShortPointer(mat.data()).get(wide);
            narrow(wide, pixels, c);
        } else if ((mat.depth() == CV_32F || mat.depth() == CV_32S) && c == 1) {
            // Pillow opens 32-bit grey TIFFs as mode F or I; Keras's convert to L clips (and truncates floats)
            float[] floats = new float[n];
            int[] ints = new int[n];
            if (mat.depth() == CV_32F && integerSamples) {
                new FloatPointer(mat.data()).get(floats);
                for (int i = 0; i < n; i++) {
                    pixels[i] = (byte) Math.max(0, Math.min(255, Float.floatToRawIntBits(floats[i])));
                }
            } else if (mat.depth() == CV_32F) {
                new FloatPointer(mat.data()).get(floats);
                for (int i = 0; i < n; i++) {
                    float v = floats[i];
                    pixels[i] = (byte) (v >= 255f ? 255 : v > 0f ? (int) v : 0); // Pillow f2l; NaN gives 0
                }
            } else {
                new IntPointer(mat.data()).get(ints);
                for (int i = 0; i < n; i++) {
                    pixels[i] = (byte) Math.max(0, Math.min(255, ints[i]));
                }
            }
        } else {
            throw new ImageLoadException(name, "has an unsupported sample type (OpenCV depth " + mat.depth()
                    + ", " + c + " channels); 8- and 16-bit images and 32-bit grey are supported");
        }
        switch (c) {
            case 1:
                return new Decoded(new ByteImage(h, w, 1, pixels), false);
            case 2:
                return new Decoded(greyAlphaToRgba(h, w, pixels), false);
            case 3:
            case 4:
                return new Decoded(new ByteImage(h, w, c, pixels), true);
            default:
                throw new ImageLoadException(name, "has " + c + " channels; 1 to 4 are supported");
        }
    }

    // Pillow: 16-bit grey opens as mode I and converts with clipping at 255; 16-bit colour keeps the high byte
    private static void narrow(short[] wide, byte[] out, int channels) {
        if (channels == 1) {
            for (int i = 0; i < wide.length; i++) {
                out[i] = (byte) Math.min(wide[i] & 0xffff, 255);
            }
        } else {
            for (int i = 0; i < wide.length; i++) {
                out[i] = (byte) ((wide[i] & 0xffff) >>> 8);
            }
        }
    }

    /** Swaps channels 0 and 2 of every pixel in place (BGR(A) to RGB(A) and back). */
    static void swapRedBlue(byte[] p, int channels) {
        if (channels == 3) {
            for (int i = 0; i + 2 < p.length; i += 3) {
                byte blue = p[i];
                p[i] = p[i + 2];
                p[i + 2] = blue;
            }
            return;
        }
        for (int i = 0; i < p.length; i += channels) {
            byte blue = p[i];
            p[i] = p[i + 2];
            p[i + 2] = blue;
        }
    }

    private static ByteImage greyAlphaToRgba(int h, int w, byte[] p) {
        byte[] out = new byte[h * w * 4];
        for (int i = 0, o = 0; i < p.length; i += 2, o += 4) {
            out[o] = p[i];
            out[o + 1] = p[i];
            out[o + 2] = p[i];
            out[o + 3] = p[i + 1];
        }
        return new ByteImage(h, w, 4, out);
    }
}
