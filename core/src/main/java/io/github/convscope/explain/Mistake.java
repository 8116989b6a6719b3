package io.github.convscope.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A confidently wrong prediction: which image, its true class, the class predicted and that class's probability.
 *
 * <pre>{@code
 * List<Mistake> worst = Mistake.mostConfident(trueLabels, probabilities, 8);
 * }</pre>
 *
 * @param index          the image's index in the evaluated data
 * @param trueClass      the true class
 * @param predictedClass the predicted class
 * @param probability    the probability the network gives the predicted class
 */
public record Mistake(int index, int trueClass, int predictedClass, float probability) {

    /**
     * The wrong predictions with the highest probability of the predicted class, highest first (ties: lower index
     * first). A one-column (sigmoid) output predicts class 1 when p &gt; 0.5, with probability p, else class 0 with
     * 1 - p; wider outputs predict the arg-max.
     *
     * @param trueLabels    the true class of each image
     * @param probabilities one row of outputs per image
     * @param limit         at most this many, at least 0
     * @return the mistakes, at most {@code limit}
     * @throws IllegalArgumentException when the lengths differ or limit is negative
     */
    public static List<Mistake> mostConfident(int[] trueLabels, float[][] probabilities, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, found " + limit);
        }
        if (trueLabels.length != probabilities.length) {
            throw new IllegalArgumentException("trueLabels has " + trueLabels.length + " entries but probabilities has "
                    + probabilities.length + " rows; give one row per image");
        }
        int[] predicted = io.github.convscope.evaluation.ConfusionMatrix.predictedClasses(probabilities);
        List<Mistake> wrong = new ArrayList<>();
        for (int i = 0; i < trueLabels.length; i++) {
            if (predicted[i] != trueLabels[i]) {
                float[] row = probabilities[i];
                float p = row.length == 1 ? (predicted[i] == 1 ? row[0] : 1 - row[0]) : row[predicted[i]];
                wrong.add(new Mistake(i, trueLabels[i], predicted[i], p));
            }
        }
        wrong.sort(Comparator.comparingDouble((Mistake m) -> -m.probability()).thenComparingInt(Mistake::index));
        return List.copyOf(wrong.subList(0, Math.min(limit, wrong.size())));
    }
}
