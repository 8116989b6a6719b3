package io.github.convscope.evaluation;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs, as scikit-learn's {@code confusion_matrix}: rows are true classes,
 * columns predicted classes, both in the order of the class names.
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(trueLabels, predictedLabels, List.of("cats", "dogs"));
 * int catsTakenForDogs = cm.count(0, 1);
 * }</pre>
 *
 * <p>Immutable; the arrays given to the factories are copied and {@link #counts()} returns a copy.
 */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final int[][] counts;

    private ConfusionMatrix(List<String> classNames, int[][] counts) {
        this.classNames = classNames;
        this.counts = counts;
    }

    /**
     * Counts the pairs of true and predicted class indices.
     *
     * @param trueLabels      the true class index of each sample, each in [0, classNames.size())
     * @param predictedLabels the predicted class index of each sample, same length and range
     * @param classNames      the class names, index i naming class i; at least one, distinct, none null
     * @return the matrix
     * @throws IllegalArgumentException when the lengths differ or a label lies outside the class range
     */
    public static ConfusionMatrix of(int[] trueLabels, int[] predictedLabels, List<String> classNames) {
        List<String> names = checkedNames(classNames);
        if (trueLabels == null || predictedLabels == null) {
            throw new IllegalArgumentException("trueLabels and predictedLabels must not be null; give one class index"
                    + " per sample");
        }
        if (trueLabels.length != predictedLabels.length) {
            throw new IllegalArgumentException("trueLabels has " + trueLabels.length + " samples but predictedLabels has "
                    + predictedLabels.length + "; give one prediction per sample");
        }
        int k = names.size();
        int[][] counts = new int[k][k];
        for (int i = 0; i < trueLabels.length; i++) {
            int t = checkedLabel("trueLabels", i, trueLabels[i], k);
            int p = checkedLabel("predictedLabels", i, predictedLabels[i], k);
            counts[t][p]++;
        }
        return new ConfusionMatrix(names, counts);
    }

    /**
     * Counts the pairs of true classes and the classes predicted by probability rows (see
     * {@link #predictedClasses(float[][])}: the arg-max, or for one sigmoid column class 1 when p &gt; 0.5).
     *
     * @param trueLabels    the true class index of each sample
     * @param probabilities one row per sample: K class probabilities (softmax) or one probability of class 1 (sigmoid)
     * @param classNames    the class names; two for a one-column sigmoid output
     * @return the matrix
     * @throws IllegalArgumentException when the shapes disagree or a probability is NaN
     */
    public static ConfusionMatrix fromProbabilities(int[] trueLabels, float[][] probabilities, List<String> classNames) {
        return of(trueLabels, predictedClasses(probabilities), classNames);
    }

    /**
     * The predicted class of each probability row: the index of the largest value (the first one on ties, as NumPy's
     * {@code argmax}); for rows of one column (a sigmoid unit) class 1 when the value is greater than 0.5, else class
     * 0, as Keras's {@code (predictions > 0.5)}.
     *
     * @param probabilities one row per sample, all rows of the same length
     * @return the class index of each row
     * @throws IllegalArgumentException when rows are empty, ragged or hold NaN
     */
    public static int[] predictedClasses(float[][] probabilities) {
        if (probabilities == null) {
            throw new IllegalArgumentException("probabilities must not be null; give one row per sample");
        }
        int[] classes = new int[probabilities.length];
        int width = probabilities.length == 0 ? 0 : rowOf(probabilities, 0).length;
        for (int i = 0; i < probabilities.length; i++) {
            float[] row = rowOf(probabilities, i);
            if (row.length != width || width == 0) {
                throw new IllegalArgumentException("probabilities row " + i + " has " + row.length
                        + " values but row 0 has " + width + "; every row needs the same, non-zero number of columns");
            }
            int best = 0;
            for (int c = 0; c < width; c++) {
                if (Float.isNaN(row[c])) {
                    throw new IllegalArgumentException("probabilities[" + i + "][" + c + "] is NaN; the model produced"
                            + " no valid output for sample " + i);
                }
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            classes[i] = width == 1 ? (row[0] > 0.5f ? 1 : 0) : best;
        }
        return classes;
    }

    /** @return the class names, index i naming row and column i */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the number of classes K */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * @param trueClass      row: the true class index
     * @param predictedClass column: the predicted class index
     * @return how many samples of {@code trueClass} were predicted as {@code predictedClass}
     */
    public int count(int trueClass, int predictedClass) {
        return counts[checkedLabel("trueClass", -1, trueClass, counts.length)]
                [checkedLabel("predictedClass", -1, predictedClass, counts.length)];
    }

    /** @return a copy of the K x K counts, {@code [true][predicted]} */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** @return the number of samples counted */
    public int total() {
        int sum = 0;
        for (int[] row : counts) {
            for (int v : row) {
                sum += v;
            }
        }
        return sum;
    }

    /** @return the number of samples on the diagonal (predicted as their true class) */
    public int correct() {
        int sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += counts[i][i];
        }
        return sum;
    }

    /** @return correct over total, in [0, 1]; 0 when nothing was counted */
    public double accuracy() {
        int total = total();
        return total == 0 ? 0.0 : (double) correct() / total;
    }

    /**
     * @param c a class index
     * @return how many samples truly belong to class {@code c} (the row sum)
     */
    public int support(int c) {
        return Arrays.stream(counts[checkedLabel("c", -1, c, counts.length)]).sum();
    }

    /**
     * @param c a class index
     * @return how many samples were predicted as class {@code c} (the column sum)
     */
    public int predictedCount(int c) {
        checkedLabel("c", -1, c, counts.length);
        int sum = 0;
        for (int[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    /** @return the report of per-class precision, recall and F1 computed from these counts */
    public ClassificationReport report() {
        return ClassificationReport.of(this);
    }

    /**
     * The matrix as text: a header of predicted class names, one row per true class, columns right-aligned.
     *
     * @return the table, rows separated by {@code '\n'}
     */
    @Override
    public String toString() {
        int width = 4;
        for (String name : classNames) {
            width = Math.max(width, name.length());
        }
        for (int[] row : counts) {
            for (int v : row) {
                width = Math.max(width, Integer.toString(v).length());
            }
        }
        String label = "true \\ predicted";
        int first = Math.max(label.length(), width);
        StringBuilder sb = new StringBuilder(String.format("%-" + first + "s", label));
        for (String name : classNames) {
            sb.append("  ").append(String.format("%" + width + "s", name));
        }
        sb.append('\n');
        for (int i = 0; i < counts.length; i++) {
            sb.append(String.format("%-" + first + "s", classNames.get(i)));
            for (int v : counts[i]) {
                sb.append("  ").append(String.format("%" + width + "d", v));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && classNames.equals(other.classNames)
                && Arrays.deepEquals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * classNames.hashCode() + Arrays.deepHashCode(counts);
    }

    static List<String> checkedNames(List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must name at least one class, found " + classNames);
        }
        if (classNames.stream().anyMatch(n -> n == null)) {
            throw new IllegalArgumentException("classNames must not contain null, found " + classNames);
        }
        if (classNames.stream().distinct().count() != classNames.size()) {
            throw new IllegalArgumentException("classNames must be distinct, found " + classNames);
        }
        return List.copyOf(classNames);
    }

    private static int checkedLabel(String name, int index, int label, int k) {
        if (label < 0 || label >= k) {
            throw new IllegalArgumentException(name + (index < 0 ? "" : "[" + index + "]") + " = " + label + " lies outside the " + k
                    + " classes [0, " + (k - 1) + "]; give class indices in the order of classNames");
        }
        return label;
    }

    private static float[] rowOf(float[][] probabilities, int i) {
        if (probabilities[i] == null) {
            throw new IllegalArgumentException("probabilities row " + i + " is null; give one row per sample");
        }
        return probabilities[i];
    }
}
