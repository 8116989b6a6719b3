package io.github.convscope.image;

/** The resampling filter used to resize to the target size, with Pillow's (hence Keras's) semantics. */
public enum Interpolation {
    /** Pillow NEAREST, Keras's default. */
    NEAREST,
    /** Pillow BILINEAR (antialiased triangle filter). */
    BILINEAR,
    /** Pillow BICUBIC (Keys cubic, a = -0.5). */
    BICUBIC,
    /** Pillow LANCZOS (Lanczos-3). */
    LANCZOS,
    /** Pillow BOX. */
    BOX,
    /** Pillow HAMMING. */
    HAMMING
}
