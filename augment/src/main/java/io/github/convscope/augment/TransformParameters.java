package io.github.convscope.augment;

import java.util.Objects;
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
 * brightness) leave the image untouched.
 */
public final class TransformParameters {
    private static final TransformParameters NEUTRAL = builder().build();

    private final double theta;
    private final double tx;
    private final double ty;
    private final double shear;
    private final double zx;
    private final double zy;
    private final boolean flipHorizontal;
    private final boolean flipVertical;
    private final Double channelShiftIntensity;
    private final Double brightness;

    private TransformParameters(Builder b) {
        this.theta = b.theta;
        this.tx = b.tx;
        this.ty = b.ty;
        this.shear = b.shear;
        this.zx = b.zx;
        this.zy = b.zy;
        this.flipHorizontal = b.flipHorizontal;
        this.flipVertical = b.flipVertical;
        this.channelShiftIntensity = b.channelShiftIntensity;
        this.brightness = b.brightness;
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
        Builder b = new Builder();
        b.theta = theta;
        b.tx = tx;
        b.ty = ty;
        b.shear = shear;
        b.zx = zx;
        b.zy = zy;
        b.flipHorizontal = flipHorizontal;
        b.flipVertical = flipVertical;
        b.channelShiftIntensity = channelShiftIntensity;
        b.brightness = brightness;
        return b;
    }

    /** Rotation in degrees (positive: clockwise with row 0 at the top). */
    public double theta() {
        return theta;
    }

    /** Shift along rows in pixels (Keras's "tx"; positive moves content up). */
    public double tx() {
        return tx;
    }

    /** Shift along columns in pixels (Keras's "ty"; positive moves content left). */
    public double ty() {
        return ty;
    }

    /** Shear angle in degrees (a vertical shear in Keras 1.1.0). */
    public double shear() {
        return shear;
    }

    /** Zoom factor of rows (above 1 zooms out). */
    public double zx() {
        return zx;
    }

    /** Zoom factor of columns (above 1 zooms out). */
    public double zy() {
        return zy;
    }

    /** Whether columns are reversed. */
    public boolean flipHorizontal() {
        return flipHorizontal;
    }

    /** Whether rows are reversed. */
    public boolean flipVertical() {
        return flipVertical;
    }

    /** The clipped offset added to every channel, if any (Keras's {@code channel_shift_intensity}). */
    public OptionalDouble channelShiftIntensity() {
        return channelShiftIntensity == null ? OptionalDouble.empty() : OptionalDouble.of(channelShiftIntensity);
    }

    /** The PIL brightness factor, if any. */
    public OptionalDouble brightness() {
        return brightness == null ? OptionalDouble.empty() : OptionalDouble.of(brightness);
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

    @Override
    public boolean equals(Object o) {
        return o instanceof TransformParameters p && Double.compare(p.theta, theta) == 0
                && Double.compare(p.tx, tx) == 0 && Double.compare(p.ty, ty) == 0
                && Double.compare(p.shear, shear) == 0 && Double.compare(p.zx, zx) == 0
                && Double.compare(p.zy, zy) == 0 && p.flipHorizontal == flipHorizontal
                && p.flipVertical == flipVertical && Objects.equals(p.channelShiftIntensity, channelShiftIntensity)
                && Objects.equals(p.brightness, brightness);
    }

    @Override
    public int hashCode() {
        return Objects.hash(theta, tx, ty, shear, zx, zy, flipHorizontal, flipVertical, channelShiftIntensity,
                brightness);
    }

    @Override
    public String toString() {
        return "TransformParameters{theta=" + theta + ", tx=" + tx + ", ty=" + ty + ", shear=" + shear + ", zx=" + zx
                + ", zy=" + zy + ", flipHorizontal=" + flipHorizontal + ", flipVertical=" + flipVertical
                + ", channelShiftIntensity=" + channelShiftIntensity + ", brightness=" + brightness + "}";
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
            check("theta", theta);
            check("tx", tx);
            check("ty", ty);
            check("shear", shear);
            check("zx", zx);
            check("zy", zy);
            if (channelShiftIntensity != null) {
                check("channelShiftIntensity", channelShiftIntensity);
            }
            if (brightness != null) {
                check("brightness", brightness);
            }
            return new TransformParameters(this);
        }

        private static void check(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite, got " + value);
            }
        }
    }
}
