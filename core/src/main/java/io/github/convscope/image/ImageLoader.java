package io.github.convscope.image;

import java.nio.file.Path;

/**
 * Loads an image file the way Keras's {@code load_img} + {@code img_to_array} do: decode, convert the colour mode,
 * resize to the target size with Pillow's filter, return float32 HWC.
 *
 * <pre>{@code
 * ImageLoader loader = ImageLoader.builder().targetSize(150, 150).build();
 * FloatImage image = loader.load(Path.of("cats/cat.1.jpg"));
 * }</pre>
 *
 * <p>JPEG, PNG, BMP, PPM/PGM/PBM and TIFF are decoded by OpenCV (JavaCV), JPEGs by the system's libjpeg-turbo
 * instead where it is installed ({@link #fastJpegDecoding()}), with EXIF orientation ignored, as Pillow does, then
 * converted and resized in Java with Pillow 9's integer rules, so the values equal Keras's exactly (16-bit grey
 * is clipped at 255, 16-bit colour keeps its high byte, as Pillow opens them). Refused with an
 * {@link ImageLoadException} naming the file: missing, empty, corrupt or non-image files, JPEGs cut before their end
 * marker (Pillow's "image file is truncated"), files that are not regular files (FIFOs, devices) or are larger than
 * {@link #maxFileBytes()}, and images over {@link #maxPixels()} (Pillow's decompression-bomb error; above half of it
 * a warning is logged, as Pillow warns), checked from the header before decoding for JPEG, PNG, BMP, PNM and TIFF.
 * Where Keras hangs (a FIFO named {@code x.jpg}) or runs out of memory (a link to {@code /dev/zero}), ConvScope
 * refuses the file, named, before reading it. PNM files (any maxval), 16-bit BMPs, PNG checksums, missing IEND
 * chunks and tRNS colour keys follow Pillow's own rules; 32-bit integer and float grey TIFFs convert as Keras converts
 * Pillow's modes I and F. CMYK JPEGs (on the libjpeg-turbo path) and CMYK TIFFs are converted with Pillow's own
 * formula, and RGBA TIFFs with unassociated alpha keep their colour as stored, where OpenCV would convert both its
 * own way. Known differences from Pillow: CMYK JPEGs when libjpeg-turbo is not installed (OpenCV's conversion, off by
 * up to 2), and arithmetic-coded JPEGs larger than Pillow's read buffer, which Pillow 9 refuses ("broken data
 * stream") and ConvScope decodes. The full table is in the project's docs/what-convscope-reads.md.
 *
 * <p>Instances are immutable and thread-safe. On the libjpeg-turbo path each thread that loads JPEGs keeps native
 * buffers for the largest file and decoded image it has met (up to 16 MiB each; larger images use arrays of their
 * own), freed with the thread.
 */
public final class ImageLoader {
    /**
     * Pillow's decompression-bomb error limit, in pixels: twice {@code Image.MAX_IMAGE_PIXELS} (89,478,485), above
     * which Pillow only warns. Images above half of {@link #maxPixels()} load with a logged warning, as in Pillow.
     */
    public static final long DEFAULT_MAX_PIXELS = 2 * 89_478_485L;

    /**
     * The default largest file read, 1 GiB: an uncompressed 24-bit BMP or TIFF at {@link #DEFAULT_MAX_PIXELS} is
     * about 537 MB, a 16-bit one twice that. Keras has no such cap and reads anything whole.
     */
    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

    private final ColorMode colorMode;
    private final int targetHeight;
    private final int targetWidth;
    private final Interpolation interpolation;
    private final boolean keepAspectRatio;
    private final long maxPixels;
    private final long maxFileBytes;
    private final boolean honorExifOrientation;

    private ImageLoader(Builder b) {
        this.colorMode = b.colorMode;
        this.targetHeight = b.targetHeight;
        this.targetWidth = b.targetWidth;
        this.interpolation = b.interpolation;
        this.keepAspectRatio = b.keepAspectRatio;
        this.maxPixels = b.maxPixels;
        this.maxFileBytes = b.maxFileBytes;
        this.honorExifOrientation = b.honorExifOrientation;
    }

    /** A builder with Keras's defaults: RGB, no resize, nearest, no aspect-ratio crop. */
    public static Builder builder() {
        return new Builder();
    }

    /** The colour mode images are converted to. */
    public ColorMode colorMode() {
        return colorMode;
    }

    /** Target height, or 0 when images keep their size. */
    public int targetHeight() {
        return targetHeight;
    }

    /** Target width, or 0 when images keep their size. */
    public int targetWidth() {
        return targetWidth;
    }

    /** The resize filter. */
    public Interpolation interpolation() {
        return interpolation;
    }

    /** Whether a centred crop to the target aspect ratio precedes the resize. */
    public boolean keepAspectRatio() {
        return keepAspectRatio;
    }

    /** The most pixels a decoded image may have; above half of it a warning is logged (Pillow's rule). */
    public long maxPixels() {
        return maxPixels;
    }

    /** The largest file, in bytes, that {@link #load(Path)} reads. */
    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** Whether the EXIF orientation of JPEGs is applied (Keras ignores it; default false). */
    public boolean honorExifOrientation() {
        return honorExifOrientation;
    }

    /**
     * Loads one file as float32 HWC values 0...255 (Keras's {@code img_to_array(load_img(...))}); throws
     * {@link ImageLoadException} naming the file if it cannot be read as an image.
     */
    public FloatImage load(Path path) {
        return loadBytes(path).toFloatImage();
    }

    /** Loads an image from its encoded bytes as float32 HWC; {@code name} only names the source in errors. */
    public FloatImage load(byte[] encoded, Path name) {
        return loadBytes(encoded, name).toFloatImage();
    }

    /** Loads one file as uint8 HWC, the same pixels as {@link #load(Path)} at a quarter of the memory. */
    public ByteImage loadBytes(Path path) {
        return loadBytes(readFile(path), path);
    }

    /**
     * The encoded bytes of an image file, read under {@link #maxFileBytes()} with the errors {@link #loadBytes(Path)}
     * gives (for a caller that keeps them, such as a cache, and loads them with {@link #loadBytes(byte[], Path)}).
     */
    public byte[] readFile(Path path) {
        return BoundedFileRead.read(path, maxFileBytes);
    }

    /**
     * Whether this loader enlarges the image in {@code encoded}: its header gives a size of at most a quarter of the
     * target's pixels. Such an image decodes faster than a target-sized one and its file is far smaller than its
     * loaded pixels, so a cache keeps the file. False without a target size or a size in the header.
     */
    public boolean enlarges(byte[] encoded) {
        if (targetHeight == 0 || encoded == null || encoded.length == 0) {
            return false;
        }
        ImageHeader header = ImageHeader.sniff(encoded);
        return header.sizeKnown() && 4L * header.width() * header.height() <= (long) targetHeight * targetWidth;
    }

    /** Loads an image from its encoded bytes as uint8 HWC; {@code name} only names the source in errors. */
    public ByteImage loadBytes(byte[] encoded, Path name) {
        try {
            return decode(encoded, name);
        } catch (OutOfMemoryError e) {
            throw new ImageLoadException(name, "needs more memory than the JVM has left to decode; lower maxPixels "
                    + "or raise -Xmx", e);
        }
    }

    private ByteImage decode(byte[] encoded, Path name) {
        if (encoded.length == 0) {
            throw new ImageLoadException(name, "is empty (0 bytes)");
        }
        ImageHeader header = ImageHeader.sniff(encoded);
        if (header.sizeKnown()) {
            PixelLimit.check(name, header.width(), header.height(), "its " + header.format() + " header", maxPixels);
        }
        if (header.format() == ImageHeader.Format.JPEG) {
            // the system's SIMD libjpeg-turbo where it is installed (same pixels, about 3x faster); anything it
            // declines or warns about goes through OpenCV, so errors and results stay those of the OpenCV path
            TurboJpegDecoder.Frame frame = TurboJpegDecoder.decodeFrame(encoded);
            if (frame != null) {
                // a clean decode reached the EOI marker: libjpeg warns about a stream that ends before it
                checkDecodedPixels(header, frame.width(), frame.height(), name);
                if (samplesNearestDirectly(frame.channels(), frame.height(), frame.width())) {
                    return PillowResize.nearest(frame.pixels(), frame.height(), frame.width(), frame.channels(),
                            targetWidth, targetHeight, resizeBox(frame.width(), frame.height(), name));
                }
                return finish(frame.toByteImage(), false, header, encoded, name);
            }
            if (!JpegTruncation.reachesEndOfImage(encoded)) {
                // Pillow raises OSError "image file is truncated" when a JPEG ends before its EOI marker
                throw new ImageLoadException(name,
                        "image file is truncated (the JPEG data ends before its end marker)");
            }
        }
        // formats whose Pillow rules OpenCV does not share are decoded here: PNM (maxval scaling), 16-bit BMP,
        // CMYK TIFF and TIFF with unassociated alpha (samples as stored)
        ByteImage own = header.format() == ImageHeader.Format.PNM ? PnmDecoder.decode(encoded, name)
                : header.format() == ImageHeader.Format.BMP && Bmp16Decoder.handles(encoded)
                        ? Bmp16Decoder.decode(encoded, name)
                : header.format() == ImageHeader.Format.TIFF && TiffSampleDecoder.handles(encoded)
                        ? TiffSampleDecoder.decode(encoded, name) : null;
        if (own != null) {
            checkDecodedPixels(header, own.width(), own.height(), name);
            return finish(own, false, header, encoded, name);
        }
        byte[] forOpenCv = header.format() == ImageHeader.Format.PNG ? PngChunks.forLibpng(encoded, name) : encoded;
        OpenCvDecoder.Decoded decoded = OpenCvDecoder.decodeBlueFirst(forOpenCv, name,
                header.format() == ImageHeader.Format.TIFF && !ImageHeader.tiffFloatSamples(encoded));
        checkDecodedPixels(header, decoded.image().width(), decoded.image().height(), name);
        return finish(decoded.image(), decoded.blueFirst(), header, encoded, name);
    }

    // the limit is checked from the header before decoding where the format allows, otherwise here
    private void checkDecodedPixels(ImageHeader header, int width, int height, Path name) {
        if (!header.sizeKnown()) {
            PixelLimit.check(name, width, height, "the decoded image", maxPixels);
        }
    }

    // the common Keras case, a NEAREST resize with no colour conversion, samples the decoder's buffer directly
    private boolean samplesNearestDirectly(int channels, int height, int width) {
        return interpolation == Interpolation.NEAREST && !honorExifOrientation && channels == colorMode.channels()
                && targetHeight != 0 && (height != targetHeight || width != targetWidth);
    }

    /** Everything after decoding: orientation, colour mode, resize, RGB order. */
    private ByteImage finish(ByteImage decoded, boolean blueFirst, ImageHeader header, byte[] encoded, Path name) {
        ByteImage image = decoded;
        // orientation, RGB<->RGBA and every resize treat the channels alike, so the red-blue swap of OpenCV's BGR
        // order can wait for the (usually much smaller) result; only the grey formula needs RGB first
        if (blueFirst && colorMode == ColorMode.GRAYSCALE) {
            OpenCvDecoder.swapRedBlue(image.data(), image.channels());
            blueFirst = false;
        }
        if (honorExifOrientation && header.format() == ImageHeader.Format.JPEG) {
            image = ExifOrientation.apply(image, ExifOrientation.read(encoded));
        }
        image = ColorConversion.convert(image, colorMode);
        if (colorMode == ColorMode.RGBA && header.format() == ImageHeader.Format.PNG) {
            PngChunks.applyColourKey(image, encoded, blueFirst);
        }
        if (targetHeight != 0 && (image.height() != targetHeight || image.width() != targetWidth)) {
            image = PillowResize.resize(image, targetWidth, targetHeight, interpolation,
                    resizeBox(image.width(), image.height(), name));
        }
        if (blueFirst) {
            OpenCvDecoder.swapRedBlue(image.data(), image.channels());
        }
        return image;
    }

    /**
     * Whether JPEGs are decoded by the system's libjpeg-turbo with its SIMD code (found through JNA as
     * {@code libturbojpeg}; Debian/Ubuntu package {@code libturbojpeg0}) rather than by OpenCV's bundled libjpeg,
     * which gives the same pixels about 3x slower. {@code -Dconvscope.turbojpeg=false} turns it off.
     */
    public static boolean fastJpegDecoding() {
        return TurboJpegDecoder.available();
    }

    /** The source region a resize reads: the whole image, or the centred crop of {@link #keepAspectRatio()}. */
    private float[] resizeBox(int width, int height, Path name) {
        float[] box = keepAspectRatio ? cropBox(width, height) : new float[] {0, 0, width, height};
        if (box[2] <= box[0] || box[3] <= box[1]) {
            throw new ImageLoadException(name, "is " + width + "x" + height
                    + "; keepAspectRatio leaves an empty crop for target size " + targetHeight + "x" + targetWidth);
        }
        return box;
    }

    // Keras (master, TF>=2.9) keep_aspect_ratio: the largest centred box with the target's aspect ratio
    private float[] cropBox(int width, int height) {
        long cropHeight = Math.min(height, (long) width * targetHeight / targetWidth);
        long cropWidth = Math.min(width, (long) height * targetWidth / targetHeight);
        long top = (height - cropHeight) / 2;
        long left = (width - cropWidth) / 2;
        return new float[] {left, top, left + cropWidth, top + cropHeight};
    }

    /** Builds an {@link ImageLoader}; arguments are checked at {@link #build()}. */
    public static final class Builder {
        private ColorMode colorMode = ColorMode.RGB;
        private int targetHeight;
        private int targetWidth;
        private Interpolation interpolation = Interpolation.NEAREST;
        private boolean keepAspectRatio;
        private long maxPixels = DEFAULT_MAX_PIXELS;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private boolean honorExifOrientation;

        private Builder() {
        }

        /** Colour mode (default RGB). */
        public Builder colorMode(ColorMode colorMode) {
            this.colorMode = colorMode;
            return this;
        }

        /** Resize every image to height x width (Keras's {@code target_size}). */
        public Builder targetSize(int height, int width) {
            this.targetHeight = height;
            this.targetWidth = width;
            return this;
        }

        /** Resize filter (default NEAREST, as Keras). */
        public Builder interpolation(Interpolation interpolation) {
            this.interpolation = interpolation;
            return this;
        }

        /** Crop to the target aspect ratio, centred, before resizing (default false). */
        public Builder keepAspectRatio(boolean keepAspectRatio) {
            this.keepAspectRatio = keepAspectRatio;
            return this;
        }

        /** The most pixels a decoded image may have (default {@value #DEFAULT_MAX_PIXELS_TEXT}). */
        public Builder maxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        /**
         * The largest file read, in bytes (default {@value #DEFAULT_MAX_FILE_BYTES_TEXT}, at most 2,147,483,639, the
         * largest Java array); larger files are refused from their size before anything is read.
         */
        public Builder maxFileBytes(long maxFileBytes) {
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        /**
         * Turn JPEGs upright by their EXIF orientation tag, as Pillow's {@code ImageOps.exif_transpose} (default
         * false: Keras ignores the tag, so phone photos stay as stored).
         */
        public Builder honorExifOrientation(boolean honorExifOrientation) {
            this.honorExifOrientation = honorExifOrientation;
            return this;
        }

        private static final String DEFAULT_MAX_PIXELS_TEXT = "178,956,970";
        private static final String DEFAULT_MAX_FILE_BYTES_TEXT = "1 GiB";

        /** Checks the settings and builds the loader. */
        public ImageLoader build() {
            if (colorMode == null) {
                throw new IllegalArgumentException("colorMode must be one of GRAYSCALE, RGB, RGBA, got null");
            }
            if (interpolation == null) {
                throw new IllegalArgumentException(
                        "interpolation must be one of NEAREST, BILINEAR, BICUBIC, LANCZOS, BOX, HAMMING, got null");
            }
            if (targetHeight < 0 || targetWidth < 0 || (targetHeight == 0) != (targetWidth == 0)) {
                String which = targetHeight <= 0 ? "height" : "width";
                throw new IllegalArgumentException("targetSize " + which + " must be positive (or both 0 for no "
                        + "resize), got " + targetHeight + "x" + targetWidth);
            }
            if (maxPixels <= 0) {
                throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
            }
            if (maxFileBytes <= 0 || maxFileBytes > BoundedFileRead.MAX_ARRAY) {
                throw new IllegalArgumentException("maxFileBytes must be 1..." + BoundedFileRead.MAX_ARRAY
                        + " (a Java array holds the file), got " + maxFileBytes);
            }
            return new ImageLoader(this);
        }
    }
}
