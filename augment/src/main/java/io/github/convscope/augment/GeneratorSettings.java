package io.github.convscope.augment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/**
 * The settings of an {@link ImageDataGenerator}: Keras's constructor arguments in camelCase, after Keras's implied
 * settings (std normalisation turns centring on; ZCA turns featurewise centring on and featurewise std off).
 *
 * <pre>{@code
 * ImageDataGenerator generator = ImageDataGenerator.builder().rotationRange(45).zoomRange(0.5).build();
 * double degrees = generator.settings().rotationRange();
 * }</pre>
 */
public final class GeneratorSettings {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataGenerator.class);

    private final boolean featurewiseCenter;
    private final boolean samplewiseCenter;
    private final boolean featurewiseStdNormalization;
    private final boolean samplewiseStdNormalization;
    private final boolean zcaWhitening;
    private final double zcaEpsilon;
    private final double rotationRange;
    private final ShiftRange widthShiftRange;
    private final ShiftRange heightShiftRange;
    private final double[] brightnessRange;
    private final double shearRange;
    private final double zoomLow;
    private final double zoomHigh;
    private final double channelShiftRange;
    private final FillMode fillMode;
    private final double cval;
    private final boolean horizontalFlip;
    private final boolean verticalFlip;
    private final double rescale;
    private final PreprocessingFunction preprocessingFunction;
    private final double validationSplit;
    private final int interpolationOrder;

    private GeneratorSettings(Builder b, FillMode fillMode, double zoomLow, double zoomHigh) {
        boolean featurewiseCenter = b.featurewiseCenter;
        boolean featurewiseStd = b.featurewiseStdNormalization;
        boolean samplewiseCenter = b.samplewiseCenter;
        // Keras: zca_whitening overrides featurewise_center (on) and featurewise_std_normalization (off)
        if (b.zcaWhitening) {
            if (!featurewiseCenter) {
                featurewiseCenter = true;
                LOG.warn("This ImageDataGenerator specifies zcaWhitening, which overrides setting of featurewiseCenter.");
            }
            if (featurewiseStd) {
                featurewiseStd = false;
                LOG.warn("This ImageDataGenerator specifies zcaWhitening which overrides setting of "
                        + "featurewiseStdNormalization.");
            }
        }
        // Keras: featurewise_std_normalization forces featurewise_center on
        if (b.featurewiseStdNormalization && !featurewiseCenter) {
            featurewiseCenter = true;
            LOG.warn("This ImageDataGenerator specifies featurewiseStdNormalization, which overrides setting of "
                    + "featurewiseCenter.");
        }
        // Keras: samplewise_std_normalization forces samplewise_center on
        if (b.samplewiseStdNormalization && !samplewiseCenter) {
            samplewiseCenter = true;
            LOG.warn("This ImageDataGenerator specifies samplewiseStdNormalization, which overrides setting of "
                    + "samplewiseCenter.");
        }
        this.featurewiseCenter = featurewiseCenter;
        this.samplewiseCenter = samplewiseCenter;
        this.featurewiseStdNormalization = featurewiseStd;
        this.samplewiseStdNormalization = b.samplewiseStdNormalization;
        this.zcaWhitening = b.zcaWhitening;
        this.zcaEpsilon = b.zcaEpsilon;
        this.rotationRange = b.rotationRange;
        this.widthShiftRange = b.widthShiftRange;
        this.heightShiftRange = b.heightShiftRange;
        this.brightnessRange = b.brightnessRange == null ? null : b.brightnessRange.clone();
        this.shearRange = b.shearRange;
        this.zoomLow = zoomLow;
        this.zoomHigh = zoomHigh;
        this.channelShiftRange = b.channelShiftRange;
        this.fillMode = fillMode;
        this.cval = b.cval;
        this.horizontalFlip = b.horizontalFlip;
        this.verticalFlip = b.verticalFlip;
        this.rescale = b.rescale;
        this.preprocessingFunction = b.preprocessingFunction;
        this.validationSplit = b.validationSplit;
        this.interpolationOrder = b.interpolationOrder;
    }

    /** Whether the fitted per-channel mean is subtracted. */
    public boolean featurewiseCenter() {
        return featurewiseCenter;
    }

    /** Whether each image's mean (over all values) is subtracted. */
    public boolean samplewiseCenter() {
        return samplewiseCenter;
    }

    /** Whether images are divided by the fitted per-channel std + 1e-6. */
    public boolean featurewiseStdNormalization() {
        return featurewiseStdNormalization;
    }

    /** Whether each image is divided by its own std + 1e-6. */
    public boolean samplewiseStdNormalization() {
        return samplewiseStdNormalization;
    }

    /** Whether images are multiplied by the fitted ZCA matrix. */
    public boolean zcaWhitening() {
        return zcaWhitening;
    }

    /** The epsilon added to the eigenvalues of the ZCA fit. */
    public double zcaEpsilon() {
        return zcaEpsilon;
    }

    /** Rotations are drawn from U(-r, r) degrees. */
    public double rotationRange() {
        return rotationRange;
    }

    /** The column shift range (Keras's {@code width_shift_range}, giving {@code ty}). */
    public ShiftRange widthShiftRange() {
        return widthShiftRange;
    }

    /** The row shift range (Keras's {@code height_shift_range}, giving {@code tx}). */
    public ShiftRange heightShiftRange() {
        return heightShiftRange;
    }

    /** The brightness factor range {lo, hi}, or {@code null} for none (a copy). */
    public double[] brightnessRange() {
        return brightnessRange == null ? null : brightnessRange.clone();
    }

    /** Shears are drawn from U(-s, s) degrees. */
    public double shearRange() {
        return shearRange;
    }

    /** The low end of the zoom range. */
    public double zoomLow() {
        return zoomLow;
    }

    /** The high end of the zoom range. */
    public double zoomHigh() {
        return zoomHigh;
    }

    /** Channel shifts are drawn from U(-v, v). */
    public double channelShiftRange() {
        return channelShiftRange;
    }

    /** How pixels from outside the input are filled. */
    public FillMode fillMode() {
        return fillMode;
    }

    /** The fill value for {@link FillMode#CONSTANT}. */
    public double cval() {
        return cval;
    }

    /** Whether columns are reversed with probability 1/2. */
    public boolean horizontalFlip() {
        return horizontalFlip;
    }

    /** Whether rows are reversed with probability 1/2. */
    public boolean verticalFlip() {
        return verticalFlip;
    }

    /** The factor images are multiplied by in {@code standardize}; 0 means none (Keras's None and 0). */
    public double rescale() {
        return rescale;
    }

    /** The user step run first in {@code standardize}, or {@code null}. */
    public PreprocessingFunction preprocessingFunction() {
        return preprocessingFunction;
    }

    /** The fraction held out as the validation subset, in [0, 1). */
    public double validationSplit() {
        return validationSplit;
    }

    /** The spline order of the warp: 0 (nearest) or 1 (bilinear). */
    public int interpolationOrder() {
        return interpolationOrder;
    }

    @Override
    public String toString() {
        return "{rotationRange=" + rotationRange + ", widthShiftRange=" + widthShiftRange + ", heightShiftRange="
                + heightShiftRange + ", shearRange=" + shearRange + ", zoomRange=[" + zoomLow + ", " + zoomHigh
                + "], channelShiftRange=" + channelShiftRange + ", brightnessRange=" + Arrays.toString(brightnessRange)
                + ", horizontalFlip=" + horizontalFlip + ", verticalFlip=" + verticalFlip + ", fillMode=" + fillMode
                + ", cval=" + cval + ", interpolationOrder=" + interpolationOrder + ", rescale=" + rescale
                + ", featurewiseCenter=" + featurewiseCenter + ", featurewiseStdNormalization="
                + featurewiseStdNormalization + ", samplewiseCenter=" + samplewiseCenter
                + ", samplewiseStdNormalization=" + samplewiseStdNormalization + ", zcaWhitening=" + zcaWhitening
                + ", validationSplit=" + validationSplit + "}";
    }

    /**
     * Builds an {@link ImageDataGenerator}: Keras's parameters with Keras's defaults, validated at {@link #build()}.
     * ConvScope refuses values Keras accepts silently or fails on later: negative ranges, a zoom range whose low end
     * is not positive, a brightness range that is not two ordered non-negative numbers, an unknown fill mode, a
     * spline order other than 0 or 1, a validation split outside [0, 1).
     */
    public static final class Builder {
        private boolean featurewiseCenter;
        private boolean samplewiseCenter;
        private boolean featurewiseStdNormalization;
        private boolean samplewiseStdNormalization;
        private boolean zcaWhitening;
        private double zcaEpsilon = 1e-6;
        private double rotationRange;
        private ShiftRange widthShiftRange = ShiftRange.none();
        private ShiftRange heightShiftRange = ShiftRange.none();
        private double[] brightnessRange;
        private double shearRange;
        private double[] zoomRange = {0.0};
        private double channelShiftRange;
        private String fillMode = FillMode.NEAREST.kerasName();
        private double cval;
        private boolean horizontalFlip;
        private boolean verticalFlip;
        private double rescale;
        private PreprocessingFunction preprocessingFunction;
        private double validationSplit;
        private int interpolationOrder = 1;

        Builder() {
        }

        /** Subtract the per-channel dataset mean from {@code fit} (default false). */
        public Builder featurewiseCenter(boolean value) {
            featurewiseCenter = value;
            return this;
        }

        /** Subtract each image's own mean over all values (default false). */
        public Builder samplewiseCenter(boolean value) {
            samplewiseCenter = value;
            return this;
        }

        /** Divide by the per-channel dataset std from {@code fit} + 1e-6; turns featurewise centring on (default false). */
        public Builder featurewiseStdNormalization(boolean value) {
            featurewiseStdNormalization = value;
            return this;
        }

        /** Divide each image by its own std + 1e-6; turns samplewise centring on (default false). */
        public Builder samplewiseStdNormalization(boolean value) {
            samplewiseStdNormalization = value;
            return this;
        }

        /** Multiply by the ZCA matrix from {@code fit}; turns featurewise centring on and featurewise std off. */
        public Builder zcaWhitening(boolean value) {
            zcaWhitening = value;
            return this;
        }

        /** Epsilon added to the eigenvalues in the ZCA fit (default 1e-6; must be &gt;= 0). */
        public Builder zcaEpsilon(double value) {
            zcaEpsilon = value;
            return this;
        }

        /** Rotations drawn from U(-r, r) degrees (default 0; must be &gt;= 0, where Keras takes |r|). */
        public Builder rotationRange(double value) {
            rotationRange = value;
            return this;
        }

        /** Keras's float width shift: U(-v, v), a fraction of the width when v &lt; 1, else pixels. */
        public Builder widthShiftRange(double value) {
            widthShiftRange = ShiftRange.fraction(value);
            return this;
        }

        /** Keras's int width shift: 0..n-1 pixels with a random sign (1 never shifts). */
        public Builder widthShiftRange(int value) {
            widthShiftRange = ShiftRange.pixels(value);
            return this;
        }

        /** The width shift in any of Keras's forms. */
        public Builder widthShiftRange(ShiftRange value) {
            widthShiftRange = value == null ? ShiftRange.none() : value;
            return this;
        }

        /** Keras's float height shift: U(-v, v), a fraction of the height when v &lt; 1, else pixels. */
        public Builder heightShiftRange(double value) {
            heightShiftRange = ShiftRange.fraction(value);
            return this;
        }

        /** Keras's int height shift: 0..n-1 pixels with a random sign (1 never shifts). */
        public Builder heightShiftRange(int value) {
            heightShiftRange = ShiftRange.pixels(value);
            return this;
        }

        /** The height shift in any of Keras's forms. */
        public Builder heightShiftRange(ShiftRange value) {
            heightShiftRange = value == null ? ShiftRange.none() : value;
            return this;
        }

        /** Brightness factors drawn from U(lo, hi), applied through Keras's PIL path; exactly two numbers. */
        public Builder brightnessRange(double... range) {
            brightnessRange = range == null ? null : range.clone();
            return this;
        }

        /** Shears drawn from U(-s, s) degrees (default 0; must be &gt;= 0). */
        public Builder shearRange(double value) {
            shearRange = value;
            return this;
        }

        /** Zoom factors drawn from [1 - z, 1 + z], rows and columns independently; z must be in [0, 1). */
        public Builder zoomRange(double value) {
            zoomRange = new double[] {value};
            return this;
        }

        /** Zoom factors drawn from [lo, hi]: exactly two numbers with 0 &lt; lo &lt;= hi. */
        public Builder zoomRange(double... range) {
            zoomRange = range == null ? null : range.clone();
            return this;
        }

        /** Channel shifts drawn from U(-v, v), one offset for all channels, clipped (default 0; must be &gt;= 0). */
        public Builder channelShiftRange(double value) {
            channelShiftRange = value;
            return this;
        }

        /** Fill mode of the warp (default {@link FillMode#NEAREST}). */
        public Builder fillMode(FillMode value) {
            fillMode = value == null ? null : value.kerasName();
            return this;
        }

        /** Fill mode by Keras name ("constant", "nearest", "reflect", "wrap"); checked at {@link #build()}. */
        public Builder fillMode(String value) {
            fillMode = value;
            return this;
        }

        /** Fill value for {@link FillMode#CONSTANT} (default 0). */
        public Builder cval(double value) {
            cval = value;
            return this;
        }

        /** Reverse columns with probability 1/2 (default false). */
        public Builder horizontalFlip(boolean value) {
            horizontalFlip = value;
            return this;
        }

        /** Reverse rows with probability 1/2 (default false). */
        public Builder verticalFlip(boolean value) {
            verticalFlip = value;
            return this;
        }

        /** Multiply images by this factor in {@code standardize}, after augmentation (default 0: none). */
        public Builder rescale(double value) {
            rescale = value;
            return this;
        }

        /** A user step run first in {@code standardize}, before {@code rescale} (default none). */
        public Builder preprocessingFunction(PreprocessingFunction value) {
            preprocessingFunction = value;
            return this;
        }

        /** The fraction of each class held out for {@code subset(VALIDATION)}, in [0, 1) (default 0). */
        public Builder validationSplit(double value) {
            validationSplit = value;
            return this;
        }

        /**
         * The spline order of the warp: 1 (bilinear, default) or 0 (nearest), both exact to SciPy. Keras accepts
         * 2 to 5 (B-splines with a prefilter); they are not implemented and refused at {@link #build()}.
         */
        public Builder interpolationOrder(int value) {
            interpolationOrder = value;
            return this;
        }

        /** The generator; refuses bad values with an {@link IllegalArgumentException} naming the parameter. */
        public ImageDataGenerator build() {
            nonNegative("rotationRange", rotationRange);
            nonNegative("shearRange", shearRange);
            nonNegative("channelShiftRange", channelShiftRange);
            nonNegative("zcaEpsilon", zcaEpsilon);
            finite("cval", cval);
            finite("rescale", rescale);
            if (widthShiftRange.isNegative()) {
                throw new IllegalArgumentException("widthShiftRange must be >= 0, got " + widthShiftRange);
            }
            if (heightShiftRange.isNegative()) {
                throw new IllegalArgumentException("heightShiftRange must be >= 0, got " + heightShiftRange);
            }
            double[] zoom = zoomBounds();
            if (brightnessRange != null) {
                if (brightnessRange.length != 2) {
                    throw new IllegalArgumentException("brightnessRange must be exactly two numbers [lo, hi], got "
                            + Arrays.toString(brightnessRange));
                }
                double lo = brightnessRange[0];
                double hi = brightnessRange[1];
                if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo < 0 || lo > hi) {
                    throw new IllegalArgumentException("brightnessRange must be [lo, hi] with 0 <= lo <= hi, got "
                            + Arrays.toString(brightnessRange));
                }
            }
            if (!(validationSplit >= 0 && validationSplit < 1)) {
                throw new IllegalArgumentException("validationSplit must be in [0, 1), got " + validationSplit);
            }
            if (interpolationOrder != 0 && interpolationOrder != 1) {
                throw new IllegalArgumentException("interpolationOrder must be 0 (nearest) or 1 (bilinear), got "
                        + interpolationOrder + (interpolationOrder >= 2 && interpolationOrder <= 5
                        ? "; SciPy's B-spline orders 2 to 5 are not implemented" : ""));
            }
            FillMode mode = FillMode.fromKerasName(fillMode);
            return new ImageDataGenerator(new GeneratorSettings(this, mode, zoom[0], zoom[1]));
        }

        private double[] zoomBounds() {
            if (zoomRange == null || (zoomRange.length != 1 && zoomRange.length != 2)) {
                throw new IllegalArgumentException("zoomRange must be one number z (giving [1 - z, 1 + z]) or two "
                        + "numbers [lo, hi], got " + Arrays.toString(zoomRange));
            }
            if (zoomRange.length == 1) {
                double z = zoomRange[0];
                if (!(z >= 0 && z < 1)) {
                    throw new IllegalArgumentException("zoomRange must be in [0, 1) so that its low end 1 - zoomRange "
                            + "is positive, got " + z);
                }
                return new double[] {1 - z, 1 + z}; // Keras: [1 - zoom_range, 1 + zoom_range]
            }
            double lo = zoomRange[0];
            double hi = zoomRange[1];
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || lo <= 0 || lo > hi) {
                throw new IllegalArgumentException("zoomRange must be [lo, hi] with 0 < lo <= hi, got "
                        + Arrays.toString(zoomRange));
            }
            return new double[] {lo, hi};
        }

        private static void nonNegative(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
            }
        }

        private static void finite(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(name + " must be finite, got " + value);
            }
        }
    }
}
