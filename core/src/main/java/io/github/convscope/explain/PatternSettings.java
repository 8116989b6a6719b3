package io.github.convscope.explain;

/**
 * Settings of the filter-pattern search (activation maximisation, as in Chollet's "visualizing what convnets
 * learn"): {@code steps} gradient-ascent steps of size {@code stepSize} along the L2-normalised gradient of a filter's
 * mean activation, from a grey image with uniform noise in [0.4, 0.6] drawn from {@code seed}.
 *
 * <pre>{@code
 * List<FilterPattern> patterns = explainer.filterPatterns("conv2d_2", PatternSettings.DEFAULT);
 * }</pre>
 *
 * @param steps    gradient-ascent steps, at least 1
 * @param stepSize the length (L2 norm) of each step in input units, positive
 * @param seed     seed of the starting noise ({@link java.util.Random}, seeded per filter); the same seed gives the
 *                 same pattern for a filter whichever other filters are searched with it
 * @param height   image height, 0 for the network's input height
 * @param width    image width, 0 for the network's input width
 */
public record PatternSettings(int steps, double stepSize, long seed, int height, int width) {
    /** Chollet's settings (30 steps of length 10) at the network's input size, seed 42. */
    public static final PatternSettings DEFAULT = new PatternSettings(30, 10.0, 42, 0, 0);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public PatternSettings {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, found " + steps);
        }
        if (!(stepSize > 0) || Double.isInfinite(stepSize)) {
            throw new IllegalArgumentException("stepSize must be positive and finite, found " + stepSize);
        }
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("height and width must be >= 0 (0: the network's input size), found "
                    + height + "x" + width);
        }
    }

    /**
     * These settings with another number of steps (a new value; this one is unchanged).
     *
     * @param value steps, at least 1
     * @return the new settings
     */
    public PatternSettings withSteps(int value) {
        return new PatternSettings(value, stepSize, seed, height, width);
    }

    /**
     * These settings with another image size (a new value; this one is unchanged).
     *
     * @param h height, 0 for the network's
     * @param w width, 0 for the network's
     * @return the new settings
     */
    public PatternSettings withSize(int h, int w) {
        return new PatternSettings(steps, stepSize, seed, h, w);
    }
}
