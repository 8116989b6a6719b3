package io.github.convscope.image;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes baseline and progressive YCbCr and greyscale JPEGs with the system's libjpeg-turbo (its TurboJPEG API,
 * called through JNA), the library Pillow decodes with on Debian, built with its SIMD code. OpenCV 4.5.5 as JavaCPP
 * 1.5.7 ships it (the version DL4J 1.0.0-M2.1 pins) bundles libjpeg-turbo without SIMD, which makes the decode, the
 * largest cost of a plain epoch, about 3x slower (1.4-1.5 against 4.1-4.3 ms of CPU for a 500x375 photo on the
 * project's build machine). Both use the accurate integer IDCT and fancy upsampling, so the pixels are the same
 * (checked by {@code TurboJpegDecoderTest}, and by the Pillow golden tests, which run through this path).
 *
 * <p>Optional: when no {@code libturbojpeg} can be loaded (Debian/Ubuntu package {@code libturbojpeg0}, Homebrew
 * {@code jpeg-turbo}, or any folder on {@code jna.library.path}), or the system property
 * {@code convscope.turbojpeg} is {@code false}, {@link #available()} is false and every JPEG goes through OpenCV.
 * Any file the library reports a problem with, even a warning (corrupt data, a truncated stream), and any colour
 * space but YCbCr, grey, CMYK and YCCK (that is, RGB JPEGs), returns {@code null} so that the caller decodes it with
 * OpenCV as before: the fast path never changes which error a file gives.
 *
 * <p>CMYK and YCCK JPEGs are decoded to their CMYK samples (libjpeg turns YCCK into CMYK, as in Pillow) and
 * converted with Pillow's own formula ({@link CmykConversion}), reading the samples with Adobe's inverted polarity as
 * Pillow does for every CMYK JPEG. This is where they equal Pillow: OpenCV converts CMYK JPEGs itself, with its own
 * rounding (up to 2 levels away), and gives no way to the raw samples.
 */
final class TurboJpegDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TurboJpegDecoder.class);

    /** The system property that turns the fast path off when set to {@code false}. */
    static final String PROPERTY = "convscope.turbojpeg";

    // turbojpeg.h: pixel formats, colour spaces
    private static final int TJPF_RGB = 0;
    private static final int TJPF_GRAY = 6;
    private static final int TJPF_CMYK = 11;
    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    private static final int TJCS_CMYK = 3;
    private static final int TJCS_YCCK = 4;
    /** No flags: accurate integer IDCT and fancy upsampling, libjpeg's (and so Pillow's and OpenCV's) defaults. */
    private static final int FLAGS = 0;

    /**
     * The largest JPEG file and decoded image kept in a thread's reusable native buffers (16 MiB: a 2,300 x 2,300
     * RGB photo); larger ones go through arrays of their own.
     */
    static final int MAX_REUSED_BYTES = 16 << 20;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean AVAILABLE = load();
    private static final ThreadLocal<Handle> HANDLES = ThreadLocal.withInitial(Handle::new);
    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    private TurboJpegDecoder() {
    }

    /** Whether libturbojpeg was loaded and the fast path is on. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Decodes a JPEG to RGB (3 channels; CMYK and YCCK JPEGs converted as Pillow converts them) or grey (1 channel)
     * pixels, or returns {@code null} when the caller should use OpenCV instead (library missing, RGB colour space,
     * or any error or warning from the library).
     */
    static ByteImage decode(byte[] jpeg) {
        Frame frame = decodeFrame(jpeg);
        return frame == null ? null : frame.toByteImage();
    }

    /**
     * Decodes a JPEG like {@link #decode} into this thread's reusable native buffer, which saves allocating, zeroing
     * and copying the full-size pixels when the caller only samples them (a NEAREST resize reads a fraction). The
     * frame is valid until this thread's next decode.
     */
    static Frame decodeFrame(byte[] jpeg) {
        if (!AVAILABLE) {
            return null;
        }
        Handle handle = HANDLES.get();
        if (handle.pointer == null) {
            return null;
        }
        Pointer h = handle.pointer;
        NativeLong size = new NativeLong(jpeg.length);
        int[] width = new int[1];
        int[] height = new int[1];
        int[] subsampling = new int[1];
        int[] colorspace = new int[1];
        // a file within the reused buffer's size is copied into it once and read from there by both calls
        Buffers buffers = BUFFERS.get();
        ByteBuffer input = jpeg.length <= MAX_REUSED_BYTES ? buffers.input(jpeg) : null;
        int header = input != null
                ? tjDecompressHeader3(h, input, size, width, height, subsampling, colorspace)
                : tjDecompressHeader3(h, jpeg, size, width, height, subsampling, colorspace);
        if (header != 0) {
            failed();
            return null;
        }
        int channels;
        int pixelFormat;
        if (colorspace[0] == TJCS_YCBCR) {
            channels = 3;
            pixelFormat = TJPF_RGB;
        } else if (colorspace[0] == TJCS_GRAY) {
            channels = 1;
            pixelFormat = TJPF_GRAY;
        } else if (colorspace[0] == TJCS_CMYK || colorspace[0] == TJCS_YCCK) {
            return decodeCmyk(h, jpeg, size, width[0], height[0]);
        } else {
            return null;
        }
        int w = width[0];
        int hgt = height[0];
        long n = (long) w * hgt * channels;
        if (w <= 0 || hgt <= 0 || n > Integer.MAX_VALUE - 8) {
            return null;
        }
        ByteBuffer pixels;
        int status;
        // pitch 0: rows packed; on -1 (error or warning) the caller falls back to OpenCV
        if (input != null && n <= MAX_REUSED_BYTES) {
            pixels = buffers.output((int) n);
            status = tjDecompress2(h, input, size, pixels, w, 0, hgt, pixelFormat, FLAGS);
        } else {
            // a large image gets its own heap array rather than growing the thread's buffer for good
            byte[] array = new byte[(int) n];
            status = tjDecompress2(h, jpeg, size, array, w, 0, hgt, pixelFormat, FLAGS);
            pixels = ByteBuffer.wrap(array);
        }
        if (status != 0) {
            failed();
            return null;
        }
        return new Frame(hgt, w, channels, pixels);
    }

    // CMYK (and YCCK, which libjpeg converts to CMYK) into an array of its own, then Pillow's conversion to RGB
    private static Frame decodeCmyk(Pointer h, byte[] jpeg, NativeLong size, int w, int hgt) {
        long pixels = (long) w * hgt;
        if (w <= 0 || hgt <= 0 || pixels * 4 > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] cmyk = new byte[(int) pixels * 4];
        if (tjDecompress2(h, jpeg, size, cmyk, w, 0, hgt, TJPF_CMYK, FLAGS) != 0) {
            failed();
            return null;
        }
        // Pillow: every CMYK JPEG is read as Adobe writes them, inverted (raw mode CMYK;I)
        byte[] rgb = CmykConversion.toRgb(cmyk, (int) pixels, true);
        return new Frame(hgt, w, 3, ByteBuffer.wrap(rgb));
    }

    // libjpeg-turbo 2.1's tjDecompressHeader3 leaves its decompressor unusable after an error in the header (every
    // later call fails), so a thread starts over with a fresh one after any failure; the old one is destroyed when
    // collected
    private static void failed() {
        HANDLES.remove();
    }

    /**
     * Decoded pixels, HWC, in a buffer of exactly {@code height * width * channels} bytes that may be the decoding
     * thread's own and reused by its next decode.
     */
    record Frame(int height, int width, int channels, ByteBuffer pixels) {
        /** The pixels as an image of its own. */
        ByteImage toByteImage() {
            if (pixels.hasArray() && pixels.arrayOffset() == 0 && pixels.array().length == pixels.capacity()) {
                return new ByteImage(height, width, channels, pixels.array());
            }
            byte[] copy = new byte[pixels.capacity()];
            pixels.get(0, copy);
            return new ByteImage(height, width, channels, copy);
        }
    }

    private static boolean load() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            LOG.debug("JPEG decoding through OpenCV: -D{}=false", PROPERTY);
            return false;
        }
        // the unversioned name needs the -dev package on Debian; the runtime package has only the versioned one
        List<String> names = Platform.isMac() ? List.of("turbojpeg", "libturbojpeg.0.dylib")
                : Platform.isWindows() ? List.of("turbojpeg") : List.of("turbojpeg", "libturbojpeg.so.0");
        for (String name : names) {
            try {
                NativeLibrary library = NativeLibrary.getInstance(name);
                Native.register(TurboJpegDecoder.class, library);
                LOG.debug("JPEG decoding through the system's libturbojpeg ({})", library.getFile());
                return true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                LOG.debug("libturbojpeg not loaded as {}", name, e);
            }
        }
        LOG.info("JPEG decoding through OpenCV's bundled libjpeg (no SIMD, about 3x slower per image): no system "
                + "libturbojpeg found. Install it (Debian/Ubuntu: libturbojpeg0; macOS: brew install jpeg-turbo, "
                + "with -Djna.library.path=<its lib folder>) for faster JPEG loading; the pixels are the same.");
        return false;
    }

    /** One TurboJPEG decompressor per thread, destroyed when its handle object is collected. */
    private static final class Handle {
        final Pointer pointer;

        Handle() {
            Pointer p = tjInitDecompress();
            this.pointer = p;
            if (p != null) {
                CLEANER.register(this, () -> tjDestroy(p));
            }
        }
    }

    /** A thread's native input and output buffers, grown as needed up to {@link #MAX_REUSED_BYTES} each. */
    private static final class Buffers {
        private ByteBuffer input = ByteBuffer.allocateDirect(0);
        private ByteBuffer output = ByteBuffer.allocateDirect(0);

        /** The encoded bytes copied into this thread's native buffer. */
        ByteBuffer input(byte[] jpeg) {
            if (input.capacity() < jpeg.length) {
                input = ByteBuffer.allocateDirect((int) Math.min(MAX_REUSED_BYTES,
                        Math.max(jpeg.length, input.capacity() * 2L)));
            }
            input.put(0, jpeg);
            return input;
        }

        /** This thread's output buffer, as a view of exactly {@code bytes} bytes. */
        ByteBuffer output(int bytes) {
            if (output.capacity() < bytes) {
                output = ByteBuffer.allocateDirect((int) Math.min(MAX_REUSED_BYTES,
                        Math.max(bytes, output.capacity() * 2L)));
            }
            return output.slice(0, bytes);
        }
    }

    // TurboJPEG 2.x API (also exported by libjpeg-turbo 3.x), bound with JNA direct mapping; arrays are copied in
    // and out by JNA for the duration of the call
    private static native Pointer tjInitDecompress();

    private static native int tjDecompressHeader3(Pointer handle, byte[] jpegBuf, NativeLong jpegSize, int[] width,
            int[] height, int[] jpegSubsamp, int[] jpegColorspace);

    private static native int tjDecompressHeader3(Pointer handle, ByteBuffer jpegBuf, NativeLong jpegSize,
            int[] width, int[] height, int[] jpegSubsamp, int[] jpegColorspace);

    private static native int tjDecompress2(Pointer handle, byte[] jpegBuf, NativeLong jpegSize, byte[] dstBuf,
            int width, int pitch, int height, int pixelFormat, int flags);

    // direct buffers are passed as their addresses, without the copies in and out that arrays cost
    private static native int tjDecompress2(Pointer handle, ByteBuffer jpegBuf, NativeLong jpegSize,
            ByteBuffer dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    private static native int tjDestroy(Pointer handle);
}
