package io.github.convscope.augment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The settings of an {@link ImageDataGenerator}: Keras's constructor arguments in camelCase, after Keras's implied
 * settings. Built by {@link ImageDataGenerator.Builder}, which has Keras's defaults.
 *
 * <pre>{@code
 * ImageDataGenerator generator = ImageDataGenerator.builder().rotationRange(45).zoomRange(0.5).build();
 * double degrees = generator.settings().rotationRange();
 * }</pre>
 *
 * <p>The constructor applies Keras's implied settings (keras_preprocessing 1.1.0), logging a warning for each
 * setting it overrides: {@code zcaWhitening} turns {@code featurewiseCenter} on and
 * {@code featurewiseStdNormalization} off; {@code featurewiseStdNormalization} turns {@code featurewiseCenter} on;
 * {@code samplewiseStdNormalization} turns {@code samplewiseCenter} on. It refuses, with an
 * {@link IllegalArgumentException} naming the parameter, values Keras accepts silently or fails on later: negative
 * ranges, a zoom range whose low end is not positive, a brightness range that is not two ordered non-negative
 * numbers, a missing fill mode, a spline order other than 0 or 1, a validation split outside [0, 1).
 *
 * @param featurewiseCenter whether the fitted per-channel mean is subtracted
 * @param samplewiseCenter whether each image's mean (over all values) is subtracted
 * @param featurewiseStdNormalization whether images are divided by the fitted per-channel std + 1e-6
 * @param samplewiseStdNormalization whether each image is divided by its own std + 1e-6
 * @param zcaWhitening whether images are multiplied by the fitted ZCA matrix
 * @param zcaEpsilon the epsilon added to the eigenvalues of the ZCA fit, &gt;= 0
 * @param rotationRange rotations are drawn from U(-r, r) degrees, r &gt;= 0
 * @param widthShiftRange the column shift range (Keras's {@code width_shift_range}, giving {@code ty});
 *                        {@code null} means {@link ShiftRange#none()}
 * @param heightShiftRange the row shift range (Keras's {@code height_shift_range}, giving {@code tx});
 *                         {@code null} means {@link ShiftRange#none()}
 * @param brightnessRange the brightness factor range [lo, hi] (an unmodifiable list), or {@code null} for none
 * @param shearRange shears are drawn from U(-s, s) degrees, s &gt;= 0
 * @param zoomLow the low end of the zoom range, &gt; 0
 * @param zoomHigh the high end of the zoom range, &gt;= {@code zoomLow}
 * @param channelShiftRange channel shifts are drawn from U(-v, v), v &gt;= 0
 * @param fillMode how pixels from outside the input are filled
 * @param cval the fill value for {@link FillMode#CONSTANT}
 * @param horizontalFlip whether columns are reversed with probability 1/2
 * @param verticalFlip whether rows are reversed with probability 1/2
 * @param rescale the factor images are multiplied by in {@code standardize}; 0 means none (Keras's None and 0)
 * @param preprocessingFunction the user step run first in {@code standardize}, or {@code null}
 * @param validationSplit the fraction held out as the validation subset, in [0, 1)
 * @param interpolationOrder the spline order of the warp: 0 (nearest) or 1 (bilinear)
 */
public record GeneratorSettings(boolean featurewiseCenter, boolean samplewiseCenter,
                                boolean featurewiseStdNormalization, boolean samplewiseStdNormalization,
                                boolean zcaWhitening, double zcaEpsilon, double rotationRange,
                                ShiftRange widthShiftRange, ShiftRange heightShiftRange, List<Double> brightnessRange,
                                double shearRange, double zoomLow, double zoomHigh, double channelShiftRange,
                                FillMode fillMode, double cval, boolean horizontalFlip, boolean verticalFlip,
                                double rescale, PreprocessingFunction preprocessingFunction, double validationSplit,
                                int interpolationOrder) {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataGenerator.class);

    /** Validates the settings, then applies Keras's implied settings (see the class comment). */
    public GeneratorSettings {
        widthShiftRange = widthShiftRange == null ? ShiftRange.none() : widthShiftRange;
        heightShiftRange = heightShiftRange == null ? ShiftRange.none() : heightShiftRange;
        brightnessRange = brightnessRange == null ? null : checkBrightness(brightnessRange);
        nonNegative("rotationRange", rotationRange);
        nonNegative("shearRange", shearRange);
        nonNegative("channelShiftRange", channelShiftRange);
        nonNegative("zcaEpsilon", zcaEpsilon);
        finite("cval", cval);
        finite("rescale", rescale);
        nonNegative("widthShiftRange", widthShiftRange);
        nonNegative("heightShiftRange", heightShiftRange);
        checkZoom(zoomLow, zoomHigh);
        check(validationSplit >= 0 && validationSplit < 1, "validationSplit must be in [0, 1), got " + validationSplit);
        check(interpolationOrder == 0 || interpolationOrder == 1, "interpolationOrder must be 0 (nearest) or 1 "
                + "(bilinear), got " + interpolationOrder + (interpolationOrder >= 2 && interpolationOrder <= 5
                ? "; SciPy's B-spline orders 2 to 5 are not implemented" : ""));
        check(fillMode != null, "fillMode must be one of constant, nearest, reflect, wrap, got null");
        boolean featurewiseStdAsGiven = featurewiseStdNormalization;
        // Keras: zca_whitening overrides featurewise_center (on) and featurewise_std_normalization (off)
        if (zcaWhitening) {
            featurewiseCenter = impliedOn(featurewiseCenter, "zcaWhitening", "featurewiseCenter");
            if (featurewiseStdNormalization) {
                featurewiseStdNormalization = false;
                LOG.warn("This ImageDataGenerator specifies zcaWhitening which overrides setting of "
                        + "featurewiseStdNormalization.");
            }
        }
        // Keras: featurewise_std_normalization forces featurewise_center on
        if (featurewiseStdAsGiven) {
            featurewiseCenter = impliedOn(featurewiseCenter, "featurewiseStdNormalization", "featurewiseCenter");
        }
        // Keras: samplewise_std_normalization forces samplewise_center on
        if (samplewiseStdNormalization) {
            samplewiseCenter = impliedOn(samplewiseCenter, "samplewiseStdNormalization", "samplewiseCenter");
        }
    }

    /** Turns {@code setting} on, with Keras's warning, where it is off. */
    private static boolean impliedOn(boolean setting, String cause, String name) {
        if (!setting) {
            LOG.warn("This ImageDataGenerator specifies {}, which overrides setting of {}.", cause, name);
        }
        return true;
    }

    private static List<Double> checkBrightness(List<Double> range) {
        check(range.size() == 2, "brightnessRange must be exactly two numbers [lo, hi], got " + range);
        Double lo = range.get(0);
        Double hi = range.get(1);
        check(lo != null && hi != null && Double.isFinite(lo) && Double.isFinite(hi) && lo >= 0 && lo <= hi,
                "brightnessRange must be [lo, hi] with 0 <= lo <= hi, got " + range);
        return List.copyOf(range);
    }

    private static void checkZoom(double lo, double hi) {
        check(Double.isFinite(lo) && Double.isFinite(hi) && lo > 0 && lo <= hi,
                "zoomRange must be [lo, hi] with 0 < lo <= hi, got [" + lo + ", " + hi + "]");
    }

    private static void nonNegative(String name, ShiftRange range) {
        check(!range.isNegative(), name + " must be >= 0, got " + range);
    }

    private static void nonNegative(String name, double value) {
        check(value >= 0 && !Double.isInfinite(value), name + " must be a finite number >= 0, got " + value);
    }

    private static void finite(String name, double value) {
        check(Double.isFinite(value), name + " must be finite, got " + value);
    }

    private static void check(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
