package io.github.convscope.evaluation;

/**
 * One row of a {@link ClassificationReport}: precision, recall, F1 score and support of one class, or of an average.
 *
 * <pre>{@code
 * ClassScores cats = report.scoresOf("cats");
 * double f1 = cats.f1Score();
 * }</pre>
 *
 * @param label     the class name, or {@code "macro avg"} / {@code "weighted avg"} for the averages
 * @param precision true positives over predicted positives, in [0, 1]; 0 when the class was never predicted
 * @param recall    true positives over actual positives, in [0, 1]; 0 when the class never occurs
 * @param f1Score   the harmonic mean of precision and recall, {@code 2 P R / (P + R)}, in [0, 1]; 0 when both are 0
 * @param support   how many samples truly belong to the class (for an average: all samples)
 */
public record ClassScores(String label, double precision, double recall, double f1Score, int support) {

    /**
     * Validates the row.
     *
     * @throws IllegalArgumentException when the label is null, a score lies outside [0, 1] or the support is negative
     */
    public ClassScores {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null; give the class name");
        }
        checkUnit("precision", precision);
        checkUnit("recall", recall);
        checkUnit("f1Score", f1Score);
        if (support < 0) {
            throw new IllegalArgumentException("support must be >= 0, found " + support);
        }
    }

    private static void checkUnit(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1], found " + value);
        }
    }
}
