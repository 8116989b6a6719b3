package io.github.convscope.image;

/** The colour mode an image is converted to at load time, as Keras's {@code color_mode}. */
public enum ColorMode {
    /** One channel, Pillow's integer luma L = (19595 R + 38470 G + 7471 B + 32768) >> 16. */
    GRAYSCALE(1),
    /** Three channels in RGB order; alpha dropped without compositing, palettes expanded, 16-bit values clipped. */
    RGB(3),
    /** Four channels; alpha 255 where the file has none. */
    RGBA(4);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    /** Number of channels an image in this mode has. */
    public int channels() {
        return channels;
    }
}
