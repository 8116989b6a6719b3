package io.github.convscope.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-class precision, recall, F1 score and support, accuracy, macro and weighted averages: scikit-learn's
 * {@code classification_report} with its default {@code zero_division} (an undefined ratio counts as 0).
 *
 * <pre>{@code
 * ClassificationReport report = ClassificationReport.of(trueLabels, predictedLabels, List.of("cats", "dogs"));
 * System.out.println(report);            // the text scikit-learn prints, two digits
 * }</pre>
 *
 * @param classes      one row per class, in the order of the class names
 * @param accuracy     correct predictions over all samples, in [0, 1]
 * @param macroAvg     the unweighted mean of the class rows
 * @param weightedAvg  the mean of the class rows weighted by their support
 * @param confusion    the counts the scores were computed from
 */
public record ClassificationReport(List<ClassScores> classes, double accuracy, ClassScores macroAvg,
                                   ClassScores weightedAvg, ConfusionMatrix confusion) {

    /** Digits scikit-learn's {@code classification_report} prints by default. */
    public static final int DEFAULT_DIGITS = 2;

    /**
     * Validates and copies the rows.
     *
     * @throws IllegalArgumentException when a part is missing
     */
    public ClassificationReport {
        if (classes == null || macroAvg == null || weightedAvg == null || confusion == null) {
            throw new IllegalArgumentException("classes, macroAvg, weightedAvg and confusion must all be given");
        }
        classes = List.copyOf(classes);
    }

    /**
     * The report of true and predicted class indices.
     *
     * @param trueLabels      the true class index of each sample
     * @param predictedLabels the predicted class index of each sample
     * @param classNames      the class names, index i naming class i
     * @return the report
     * @throws IllegalArgumentException as {@link ConfusionMatrix#of(int[], int[], List)}
     */
    public static ClassificationReport of(int[] trueLabels, int[] predictedLabels, List<String> classNames) {
        return of(ConfusionMatrix.of(trueLabels, predictedLabels, classNames));
    }

    /**
     * The report of true class indices and probability rows (arg-max; one sigmoid column: class 1 when p &gt; 0.5).
     *
     * @param trueLabels    the true class index of each sample
     * @param probabilities one row of class probabilities per sample
     * @param classNames    the class names
     * @return the report
     * @throws IllegalArgumentException as {@link ConfusionMatrix#fromProbabilities(int[], float[][], List)}
     */
    public static ClassificationReport fromProbabilities(int[] trueLabels, float[][] probabilities,
                                                         List<String> classNames) {
        return of(ConfusionMatrix.fromProbabilities(trueLabels, probabilities, classNames));
    }

    /**
     * The report of a confusion matrix.
     *
     * @param confusion the counts
     * @return the report
     */
    public static ClassificationReport of(ConfusionMatrix confusion) {
        int k = confusion.numClasses();
        int total = confusion.total();
        List<ClassScores> rows = new ArrayList<>(k);
        double[] macro = new double[3];
        double[] weighted = new double[3];
        for (int c = 0; c < k; c++) {
            int tp = confusion.count(c, c);
            int support = confusion.support(c);
            int predicted = confusion.predictedCount(c);
            // scikit-learn 1.2 (and DL4J's Evaluation): an undefined ratio (0/0) is zero_division, 0.0 by default;
            // F1 = 2 P R / (P + R), 0 when P + R = 0.
            double precision = ratio(tp, predicted);
            double recall = ratio(tp, support);
            double f1 = ratio(2 * precision * recall, precision + recall);
            rows.add(new ClassScores(confusion.classNames().get(c), precision, recall, f1, support));
            double[] scores = {precision, recall, f1};
            for (int m = 0; m < 3; m++) {
                macro[m] += scores[m];
                weighted[m] += scores[m] * support;
            }
        }
        ClassScores macroAvg = new ClassScores("macro avg", macro[0] / k, macro[1] / k, macro[2] / k, total);
        ClassScores weightedAvg = new ClassScores("weighted avg", ratio(weighted[0], total),
                ratio(weighted[1], total), ratio(weighted[2], total), total);
        return new ClassificationReport(rows, confusion.accuracy(), macroAvg, weightedAvg, confusion);
    }

    /**
     * The scores of one class by name.
     *
     * @param className a class name of the report
     * @return its row
     * @throws IllegalArgumentException when no class has that name
     */
    public ClassScores scoresOf(String className) {
        return classes.stream().filter(r -> r.label().equals(className)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("className '" + className + "' is not one of "
                        + confusion.classNames()));
    }

    /**
     * The report as scikit-learn's {@code classification_report(..., digits=digits)} prints it, character for
     * character (scores rounded half-to-even on their exact binary value, as Python's format does). As scikit-learn,
     * the accuracy row becomes a "micro avg" row when some class is neither present nor predicted.
     *
     * @param digits digits after the decimal point, 0 to 15
     * @return the text, ending with a newline
     * @throws IllegalArgumentException when digits lies outside [0, 15]
     */
    public String format(int digits) {
        if (digits < 0 || digits > 15) {
            throw new IllegalArgumentException("digits must lie in [0, 15], found " + digits);
        }
        // scikit-learn: width = max(longest class name, len("weighted avg"), digits); columns are 9 wide.
        int width = Math.max("weighted avg".length(), digits);
        for (ClassScores row : classes) {
            width = Math.max(width, row.label().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("", width)).append(' ');
        for (String header : new String[] {"precision", "recall", "f1-score", "support"}) {
            sb.append(' ').append(pad(header, 9));
        }
        sb.append("\n\n");
        for (ClassScores row : classes) {
            appendRow(sb, row, width, digits);
        }
        sb.append('\n');
        if (!microIsAccuracy()) {
            // scikit-learn prints "micro avg" instead of "accuracy" when a class is neither present nor predicted.
            appendRow(sb, microAvg(), width, digits);
        } else {
            appendAccuracy(sb, width, digits);
        }
        appendRow(sb, macroAvg, width, digits);
        appendRow(sb, weightedAvg, width, digits);
        return sb.toString();
    }

    /**
     * The micro average: precision, recall and F1 of all samples pooled. With one label per sample and every
     * prediction among the classes, each equals {@link #accuracy()} (up to rounding in F1).
     *
     * @return the micro-average row, labelled {@code "micro avg"}
     */
    public ClassScores microAvg() {
        double f1 = ratio(2 * accuracy * accuracy, accuracy + accuracy);
        return new ClassScores("micro avg", accuracy, accuracy, f1, confusion.total());
    }

    /** scikit-learn's rule: the accuracy row replaces the micro average when every class occurs in truth or prediction. */
    private boolean microIsAccuracy() {
        for (int c = 0; c < confusion.numClasses(); c++) {
            if (confusion.support(c) == 0 && confusion.predictedCount(c) == 0) {
                return false;
            }
        }
        return true;
    }

    private void appendAccuracy(StringBuilder sb, int width, int digits) {
        sb.append(pad("accuracy", width)).append(' ').append(' ').append(pad("", 9)).append(' ').append(pad("", 9))
                .append(' ').append(pad(fixed(accuracy, digits), 9)).append(' ')
                .append(pad(Integer.toString(confusion.total()), 9)).append('\n');
    }

    /** @return {@link #format(int)} with {@link #DEFAULT_DIGITS} */
    @Override
    public String toString() {
        return format(DEFAULT_DIGITS);
    }

    private static void appendRow(StringBuilder sb, ClassScores row, int width, int digits) {
        sb.append(pad(row.label(), width)).append(' ');
        for (double v : new double[] {row.precision(), row.recall(), row.f1Score()}) {
            sb.append(' ').append(pad(fixed(v, digits), 9));
        }
        sb.append(' ').append(pad(Integer.toString(row.support()), 9)).append('\n');
    }

    /** Python's {@code format(v, '.Nf')}: the exact binary value rounded half-to-even. */
    static String fixed(double value, int digits) {
        return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0.0 : numerator / denominator;
    }
}
