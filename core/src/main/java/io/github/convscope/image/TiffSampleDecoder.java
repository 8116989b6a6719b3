package io.github.convscope.image;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The two kinds of 8-bit TIFF whose samples Pillow keeps as stored but OpenCV converts: CMYK (OpenCV's libtiff
 * converts it to RGB with its own rounding, 1 level away from Pillow's {@code cmyk2rgb}) and RGBA with unassociated
 * alpha, ExtraSamples = 2 (libtiff premultiplies the colour by alpha, which loses it). These are read with the JDK's
 * own TIFF reader ({@code javax.imageio}), which hands over the samples unconverted, and CMYK goes through
 * {@link CmykConversion}. Only contiguous (chunky) files compressed losslessly (none, LZW, Deflate, PackBits) whose
 * first directory and strips or tiles all lie inside the file are taken; anything else stays with OpenCV, as before.
 */
final class TiffSampleDecoder {
    /** The layouts decoded here. */
    enum Layout { CMYK, RGBA_UNASSOCIATED }

    private static final String JDK_READER = "com.sun.imageio.plugins.tiff.TIFFImageReaderSpi";
    private static final ImageReaderSpi READER = findReader();

    private TiffSampleDecoder() {
    }

    /** Whether {@code b} is a TIFF decoded here (and the JDK's TIFF reader is present). */
    static boolean handles(byte[] b) {
        return READER != null && layout(b) != null;
    }

    /** Decodes a TIFF accepted by {@link #handles}: CMYK to RGB as Pillow converts it, RGBA as stored. */
    static ByteImage decode(byte[] b, Path name) {
        Layout layout = layout(b);
        if (READER == null || layout == null) {
            throw new IllegalArgumentException("not a TIFF decoded here: check handles() first");
        }
        byte[] samples;
        int height;
        int width;
        ImageReader reader = null;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(b))) {
            reader = READER.createReaderInstance();
            reader.setInput(in, true, true);
            Raster raster = reader.read(0).getRaster();
            height = raster.getHeight();
            width = raster.getWidth();
            if (raster.getNumBands() != 4) {
                throw new ImageLoadException(name, "is a TIFF whose 4 samples per pixel decoded to "
                        + raster.getNumBands());
            }
            samples = new byte[Math.multiplyExact(Math.multiplyExact(height, width), 4)];
            int[] row = new int[width * 4];
            for (int y = 0; y < height; y++) {
                raster.getPixels(raster.getMinX(), raster.getMinY() + y, width, 1, row);
                for (int i = 0, o = y * width * 4; i < row.length; i++) {
                    samples[o + i] = (byte) row[i];
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageLoadException loadError) {
                throw loadError;
            }
            throw new ImageLoadException(name, "is a damaged TIFF (" + e + ")", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
        return layout == Layout.CMYK
                ? new ByteImage(height, width, 3, CmykConversion.toRgb(samples, height * width, false))
                : new ByteImage(height, width, 4, samples);
    }

    /** The layout of {@code b}'s first image when it is decoded here, else {@code null}; never throws. */
    static Layout layout(byte[] b) {
        try {
            return readLayout(b);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static Layout readLayout(byte[] b) {
        if (b.length < 8 || !(b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
                && !(b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)) {
            return null;
        }
        boolean little = b[0] == 'I';
        long ifd = ImageHeader.read32(b, 4, little) & 0xffffffffL;
        if (ifd < 8 || ifd + 2 > b.length) {
            return null;
        }
        int entries = ImageHeader.read16(b, (int) ifd, little);
        if (ifd + 2 + 12L * entries > b.length) {
            return null;
        }
        Fields f = new Fields();
        for (int e = 0; e < entries; e++) {
            int at = (int) ifd + 2 + 12 * e;
            int type = ImageHeader.read16(b, at + 2, little);
            long count = ImageHeader.read32(b, at + 4, little) & 0xffffffffL;
            long bytes = count * typeSize(type);
            long valueAt = bytes <= 4 ? at + 8 : ImageHeader.read32(b, at + 8, little) & 0xffffffffL;
            if (typeSize(type) == 0 || valueAt + bytes > b.length) {
                return null; // an unknown type or a value outside the file: libtiff's to judge
            }
            f.read(b, ImageHeader.read16(b, at, little), type, (int) count, (int) valueAt, little);
        }
        if (!f.chunkyLosslessBytes() || !f.chunksInside(b.length)) {
            return null;
        }
        if (f.photometric == 5 && f.samples == 4 && f.extraSamples.length == 0) {
            return Layout.CMYK;
        }
        if (f.photometric == 2 && f.samples == 4 && f.extraSamples.length == 1 && f.extraSamples[0] == 2) {
            return Layout.RGBA_UNASSOCIATED;
        }
        return null;
    }

    /** The fields of one image file directory that decide whether it is decoded here. */
    private static final class Fields {
        int photometric = -1;
        int samples = 1;
        int compression = 1;
        int planar = 1;
        int fillOrder = 1;
        int[] bits = {1};
        int[] sampleFormat = {1};
        int[] extraSamples = {};
        int[] offsets = {};
        int[] byteCounts = {};

        void read(byte[] b, int tag, int type, int count, int at, boolean little) {
            switch (tag) {
                case 258 -> bits = values(b, type, count, at, little);
                case 259 -> compression = first(values(b, type, count, at, little));
                case 262 -> photometric = first(values(b, type, count, at, little));
                case 266 -> fillOrder = first(values(b, type, count, at, little));
                case 277 -> samples = first(values(b, type, count, at, little));
                case 284 -> planar = first(values(b, type, count, at, little));
                case 338 -> extraSamples = values(b, type, count, at, little);
                case 339 -> sampleFormat = values(b, type, count, at, little);
                case 273, 324 -> offsets = values(b, type, count, at, little); // StripOffsets, TileOffsets
                case 279, 325 -> byteCounts = values(b, type, count, at, little); // StripByteCounts, TileByteCounts
                default -> {
                }
            }
        }

        // TIFF: 8 bits per sample, unsigned integers, chunky, bytes in order, compressed losslessly: none (1), LZW
        // (5), Adobe Deflate (8), Deflate (32946), PackBits (32773)
        boolean chunkyLosslessBytes() {
            for (int v : bits) {
                if (v != 8) {
                    return false;
                }
            }
            for (int v : sampleFormat) {
                if (v != 1) {
                    return false;
                }
            }
            return bits.length == samples && planar == 1 && fillOrder == 1
                    && (compression == 1 || compression == 5 || compression == 8 || compression == 32946
                            || compression == 32773);
        }

        boolean chunksInside(int length) {
            if (offsets.length == 0 || offsets.length != byteCounts.length) {
                return false;
            }
            for (int i = 0; i < offsets.length; i++) {
                if (offsets[i] < 0 || byteCounts[i] < 0 || (long) offsets[i] + byteCounts[i] > length) {
                    return false;
                }
            }
            return true;
        }

        private static int first(int[] v) {
            return v.length == 0 ? -1 : v[0];
        }

        // SHORT (3) and LONG (4) values; any other type reads as no value, which no check accepts
        private static int[] values(byte[] b, int type, int count, int at, boolean little) {
            if (type != 3 && type != 4) {
                return new int[] {-1};
            }
            int[] v = new int[count];
            for (int i = 0; i < count; i++) {
                v[i] = type == 3 ? ImageHeader.read16(b, at + 2 * i, little)
                        : ImageHeader.read32(b, at + 4 * i, little);
            }
            return v;
        }
    }

    // TIFF 6.0 field types and BigTIFF's 8-byte ones: the size of one value in bytes, 0 for an unknown type
    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    private static ImageReaderSpi findReader() {
        Iterator<ImageReaderSpi> readers = IIORegistry.getDefaultInstance()
                .getServiceProviders(ImageReaderSpi.class, true);
        while (readers.hasNext()) {
            ImageReaderSpi spi = readers.next();
            if (spi.getClass().getName().equals(JDK_READER)) {
                return spi;
            }
        }
        return null;
    }
}
