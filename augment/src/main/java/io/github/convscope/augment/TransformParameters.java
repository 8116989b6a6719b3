package io.github.convscope.augment;

import java.util.OptionalDouble;

/**
 * The parameters of one random transform, Keras's {@code transform_parameters} dict as an immutable value.
 *
 * <pre>{@code
 * TransformParameters p = TransformParameters.builder().theta(17).tx(2.5).flipHorizontal(true).build();
 * FloatImage out = generator.applyTransform(image, p.withBrightness(0.8));
 * }</pre>
 *
 * <p>Keras's conventions (1.1.0) are kept, names included: {@code theta} is degrees and positive turns content
 * clockwise; {@code tx} shifts along <em>rows</em> (from {@code heightShiftRange}) and {@code ty} along columns,
 * positive values move content up / left; {@code shear} is degrees of a vertical shear; {@code zx} scales rows and
 * {@code zy} columns, values above 1 zoom out. Neutral values (0, 0, 0, 0, 1, 1, no flips, no channel shift, no
 * brightness) leave the image untouched. Every value must be finite; the constructor refuses others with an
 * {@link IllegalArgumentException} naming the parameter.
 *
 * @param theta rotation in degrees (positive: clockwise with row 0 at the top)
 * @param tx shift along rows in pixels (Keras's "tx"; positive moves content up)
 * @param ty shift along columns in pixels (Keras's "ty"; positive moves content left)
 * @param shear shear angle in degrees (a vertical shear in Keras 1.1.0)
 * @param zx zoom factor of rows (above 1 zooms out)
 * @param zy zoom factor of columns (above 1 zooms out)
 * @param flipHorizontal whether columns are reversed
 * @param flipVertical whether rows are reversed
 * @param channelShiftIntensity the clipped offset added to every channel, if any (Keras's
 *                              {@code channel_shift_intensity}); {@code null} means empty
 * @param brightness the PIL brightness factor, if any; {@code null} means empty
 */
public record TransformParameters(double theta, double tx, double ty, double shear, double zx, double zy,
                                  boolean flipHorizontal, boolean flipVertical, OptionalDouble channelShiftIntensity,
                                  OptionalDouble brightness) {
    private static final TransformParameters NEUTRAL = builder().build();

    /** Checks that every value is finite; an absent channel shift or brightness may be given as {@code null}. */
    public TransformParameters {
        finite("theta", theta);
        finite("tx", tx);
        finite("ty", ty);
        finite("shear", shear);
        finite("zx", zx);
        finite("zy", zy);
        channelShiftIntensity = finiteOrEmpty("channelShiftIntensity", channelShiftIntensity);
        brightness = finiteOrEmpty("brightness", brightness);
    }

    /** The parameters that change nothing. */
    public static TransformParameters neutral() {
        return NEUTRAL;
    }

    /** A builder starting from the neutral parameters. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these parameters. */
    public Builder toBuilder() {
        return new Builder().theta(theta).tx(tx).ty(ty).shear(shear).zx(zx).zy(zy).flipHorizontal(flipHorizontal)
                .flipVertical(flipVertical).channelShiftIntensity(boxed(channelShiftIntensity))
                .brightness(boxed(brightness));
    }

    /** Whether the affine part is neutral, so that Keras skips the warp entirely. */
    public boolean isAffineNeutral() {
        return theta == 0 && tx == 0 && ty == 0 && shear == 0 && zx == 1 && zy == 1;
    }

    /** A copy with another rotation (degrees). */
    public TransformParameters withTheta(double value) {
        return toBuilder().theta(value).build();
    }

    /** A copy with other shifts (rows, columns) in pixels. */
    public TransformParameters withShift(double rows, double columns) {
        return toBuilder().tx(rows).ty(columns).build();
    }

    /** A copy with another shear (degrees). */
    public TransformParameters withShear(double value) {
        return toBuilder().shear(value).build();
    }

    /** A copy with other zoom factors (rows, columns). */
    public TransformParameters withZoom(double rows, double columns) {
        return toBuilder().zx(rows).zy(columns).build();
    }

    /** A copy with other flips. */
    public TransformParameters withFlips(boolean horizontal, boolean vertical) {
        return toBuilder().flipHorizontal(horizontal).flipVertical(vertical).build();
    }

    /** A copy with another channel shift; {@code null} for none. */
    public TransformParameters withChannelShiftIntensity(Double value) {
        return toBuilder().channelShiftIntensity(value).build();
    }

    /** A copy with another brightness factor; {@code null} for none. */
    public TransformParameters withBrightness(Double value) {
        return toBuilder().brightness(value).build();
    }

    private static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    private static OptionalDouble finiteOrEmpty(String name, OptionalDouble value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        value.ifPresent(v -> finite(name, v));
        return value;
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    /** Builds {@link TransformParameters}; every value starts neutral, all values must be finite. */
    public static final class Builder {
        private double theta;
        private double tx;
        private double ty;
        private double shear;
        private double zx = 1;
        private double zy = 1;
        private boolean flipHorizontal;
        private boolean flipVertical;
        private Double channelShiftIntensity;
        private Double brightness;

        private Builder() {
        }

        /** Rotation in degrees. */
        public Builder theta(double value) {
            theta = value;
            return this;
        }

        /** Shift along rows in pixels. */
        public Builder tx(double value) {
            tx = value;
            return this;
        }

        /** Shift along columns in pixels. */
        public Builder ty(double value) {
            ty = value;
            return this;
        }

        /** Shear in degrees. */
        public Builder shear(double value) {
            shear = value;
            return this;
        }

        /** Zoom factor of rows. */
        public Builder zx(double value) {
            zx = value;
            return this;
        }

        /** Zoom factor of columns. */
        public Builder zy(double value) {
            zy = value;
            return this;
        }

        /** Whether columns are reversed. */
        public Builder flipHorizontal(boolean value) {
            flipHorizontal = value;
            return this;
        }

        /** Whether rows are reversed. */
        public Builder flipVertical(boolean value) {
            flipVertical = value;
            return this;
        }

        /** The channel shift intensity, or {@code null} for none. */
        public Builder channelShiftIntensity(Double value) {
            channelShiftIntensity = value;
            return this;
        }

        /** The brightness factor, or {@code null} for none. */
        public Builder brightness(Double value) {
            brightness = value;
            return this;
        }

        /** The parameters; refuses non-finite values with an {@link IllegalArgumentException} naming them. */
        public TransformParameters build() {
            return new TransformParameters(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical,
                    optional(channelShiftIntensity), optional(brightness));
        }

        private static OptionalDouble optional(Double value) {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        }
    }
}
