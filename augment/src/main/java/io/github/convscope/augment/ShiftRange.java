package io.github.convscope.augment;

import io.github.convscope.random.NumpyRandom;

import java.util.Arrays;

/**
 * The value of Keras's {@code width_shift_range} / {@code height_shift_range}, in its three forms with Keras 1.1.0's
 * rules for each.
 *
 * <pre>{@code
 * ShiftRange.fraction(0.15);   // Keras 0.15: U(-0.15, 0.15) times the image width (or height)
 * ShiftRange.pixels(2);        // Keras 2: {0, 1} times a random sign, in pixels (0 half of the time)
 * ShiftRange.choices(5, 10);   // Keras [5, 10]: 5 or 10 pixels, times a random sign
 * }</pre>
 *
 * <p>Rules (Keras {@code get_random_transform}): an int n picks one of 0..n-1 and a list picks one of its values,
 * both followed by a random sign from {-1, +1}; a float v draws U(-v, v). Afterwards, when the largest value is
 * below 1 the shift is multiplied by the axis length. So {@code pixels(1)} never shifts, a float of 1 or more is a
 * continuous range in pixels, and {@code choices(0.1, 0.2)} gives ±10% or ±20% of the axis.
 */
public final class ShiftRange {
    private enum Kind { NONE, FLOAT, INT, LIST }

    private static final ShiftRange NONE = new ShiftRange(Kind.NONE, 0, new double[0]);

    private final Kind kind;
    private final double value;
    private final double[] choices;

    private ShiftRange(Kind kind, double value, double[] choices) {
        this.kind = kind;
        this.value = value;
        this.choices = choices;
    }

    /** No shift (Keras's default 0.0). */
    public static ShiftRange none() {
        return NONE;
    }

    /**
     * Keras's float form: U(-v, v), times the axis length when {@code v < 1} (a fraction), else in pixels.
     * Must be finite; {@link ImageDataGenerator.Builder#build()} refuses a negative value.
     */
    public static ShiftRange fraction(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("shift range must be finite, got " + v);
        }
        return v == 0 ? NONE : new ShiftRange(Kind.FLOAT, v, new double[0]);
    }

    /**
     * Keras's int form: one of 0..n-1 pixels with a random sign; {@code pixels(1)} never shifts (Keras's rule).
     * {@link ImageDataGenerator.Builder#build()} refuses a negative n.
     */
    public static ShiftRange pixels(int n) {
        return n == 0 ? NONE : new ShiftRange(Kind.INT, n, new double[0]);
    }

    /**
     * Keras's list form: one of the values with a random sign, times the axis length when the largest value is
     * below 1. At least one finite value is required.
     */
    public static ShiftRange choices(double... values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("shift range choices must hold at least one value");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("shift range choices must be finite, got " + Arrays.toString(values));
            }
        }
        return new ShiftRange(Kind.LIST, 0, values.clone());
    }

    /** Whether a shift is drawn at all (Keras's truthiness of the range). */
    public boolean isActive() {
        return kind != Kind.NONE;
    }

    /** Whether the range is negative (a negative float or int); lists are not range magnitudes. */
    boolean isNegative() {
        return (kind == Kind.FLOAT || kind == Kind.INT) && value < 0;
    }

    /** Draws one shift for an axis of {@code length} pixels from {@code random}, Keras's rule S. */
    double draw(int length, NumpyRandom random) {
        double shift;
        double max;
        switch (kind) {
            case INT -> {
                // Keras: np.random.choice(n) * np.random.choice([-1, 1]), in integers (so never -0.0)
                long pick = random.randint((long) value);
                shift = pick * (random.randint(2) == 0 ? -1L : 1L);
                max = value;
            }
            case LIST -> {
                // Keras: np.random.choice(list) * np.random.choice([-1, 1])
                shift = choices[(int) random.randint(choices.length)];
                shift *= random.randint(2) == 0 ? -1 : 1;
                max = Arrays.stream(choices).max().orElseThrow();
            }
            case FLOAT -> {
                // Keras: np.random.choice(float) raises before drawing, so U(-v, v) is used
                shift = random.uniform(-value, value);
                max = value;
            }
            default -> {
                return 0;
            }
        }
        // Keras: if np.max(range) < 1, the shift is a fraction of the axis
        if (max < 1) {
            shift *= length;
        }
        return shift;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShiftRange other && other.kind == kind
                && Double.compare(other.value, value) == 0 && Arrays.equals(other.choices, choices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * kind.hashCode() + Double.hashCode(value)) + Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "ShiftRange.none()";
            case FLOAT -> "ShiftRange.fraction(" + value + ")";
            case INT -> "ShiftRange.pixels(" + (int) value + ")";
            case LIST -> "ShiftRange.choices" + Arrays.toString(choices).replace('[', '(').replace(']', ')');
        };
    }
}
