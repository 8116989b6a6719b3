package io.github.convscope.augment;

import java.util.Locale;

/**
 * How the affine warp fills output pixels whose source lies outside the input, Keras's {@code fill_mode} (SciPy's
 * {@code mode} for {@code ndimage.affine_transform}, SciPy 1.10 rules).
 *
 * <pre>{@code
 * ImageDataGenerator.builder().rotationRange(45).fillMode(FillMode.REFLECT).build();
 * }</pre>
 */
public enum FillMode {
    /** Every output pixel whose source row or column lies strictly outside [0, n-1] becomes {@code cval}. */
    CONSTANT,
    /** The source position is clamped to the edge (Keras's default). */
    NEAREST,
    /** Half-sample symmetric reflection: d c b a | a b c d | d c b a. */
    REFLECT,
    /**
     * SciPy's legacy wrap: the continuous position repeats with period n-1, so the first and last rows (columns)
     * coincide. This is not a period-n tiling (SciPy's later 'grid-wrap').
     */
    WRAP;

    /** The Keras name: "constant", "nearest", "reflect" or "wrap". */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode for a Keras name; an unknown name is refused with an {@link IllegalArgumentException} naming
     * {@code fillMode} (Keras itself fails only at the first warp).
     */
    public static FillMode fromKerasName(String name) {
        if (name != null) {
            for (FillMode mode : values()) {
                if (mode.kerasName().equals(name)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException(
                "fillMode must be one of constant, nearest, reflect, wrap, got '" + name + "'");
    }
}
