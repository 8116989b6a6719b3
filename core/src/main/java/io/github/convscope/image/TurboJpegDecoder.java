package io.github.convscope.image;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
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
 * space but YCbCr and grey (CMYK, YCCK, RGB), returns {@code null} so that the caller decodes it with OpenCV as
 * before: the fast path never changes what a file decodes to or which error it gives.
 */
final class TurboJpegDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TurboJpegDecoder.class);

    /** The system property that turns the fast path off when set to {@code false}. */
    static final String PROPERTY = "convscope.turbojpeg";

    // turbojpeg.h: pixel formats, colour spaces
    private static final int TJPF_RGB = 0;
    private static final int TJPF_GRAY = 6;
    private static final int TJCS_YCBCR = 1;
    private static final int TJCS_GRAY = 2;
    /** No flags: accurate integer IDCT and fancy upsampling, libjpeg's (and so Pillow's and OpenCV's) defaults. */
    private static final int FLAGS = 0;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final boolean AVAILABLE = load();
    private static final ThreadLocal<Handle> HANDLES = ThreadLocal.withInitial(Handle::new);

    private TurboJpegDecoder() {
    }

    /** Whether libturbojpeg was loaded and the fast path is on. */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Decodes a JPEG to RGB (3 channels) or grey (1 channel) pixels, or returns {@code null} when the caller should
     * use OpenCV instead (library missing, unsupported colour space, or any error or warning from the library).
     */
    static ByteImage decode(byte[] jpeg) {
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
        if (tjDecompressHeader3(h, jpeg, size, width, height, subsampling, colorspace) != 0) {
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
        } else {
            return null;
        }
        int w = width[0];
        int hgt = height[0];
        long n = (long) w * hgt * channels;
        if (w <= 0 || hgt <= 0 || n > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] pixels = new byte[(int) n];
        // pitch 0: rows packed; on -1 (error or warning) the caller falls back to OpenCV
        if (tjDecompress2(h, jpeg, size, pixels, w, 0, hgt, pixelFormat, FLAGS) != 0) {
            return null;
        }
        return new ByteImage(hgt, w, channels, pixels);
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

    /** One TurboJPEG decompressor per thread, destroyed when its thread's handle object is collected. */
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

    // TurboJPEG 2.x API (also exported by libjpeg-turbo 3.x), bound with JNA direct mapping; arrays are copied in
    // and out by JNA for the duration of the call
    private static native Pointer tjInitDecompress();

    private static native int tjDecompressHeader3(Pointer handle, byte[] jpegBuf, NativeLong jpegSize, int[] width,
            int[] height, int[] jpegSubsamp, int[] jpegColorspace);

    private static native int tjDecompress2(Pointer handle, byte[] jpegBuf, NativeLong jpegSize, byte[] dstBuf,
            int width, int pitch, int height, int pixelFormat, int flags);

    private static native int tjDestroy(Pointer handle);
}
