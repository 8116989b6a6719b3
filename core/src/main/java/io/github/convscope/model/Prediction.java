package io.github.convscope.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What a {@link Sequential} predicts for one image: the most likely class and the probability of every class.
 *
 * <pre>{@code
 * Prediction p = model.predict(Path.of("cat.1.jpg"), generator::standardize);
 * System.out.println(p.className() + " " + p.probability());   // "cats 0.93"
 * }</pre>
 *
 * <p>For a single sigmoid output (binary classification) the network's value {@code p} is the probability of class
 * 1, so the two classes get {@code 1 - p} and {@code p}, and class 1 is predicted when {@code p > 0.5}, as Keras's
 * {@code predictions > 0.5}; for several outputs (softmax) each output is the probability of its class and the
 * largest wins (the first on ties, as NumPy's {@code argmax}).
 *
 * @param classIndex    the predicted class index
 * @param className     the predicted class name
 * @param probabilities every class name with its probability, in class index order (unmodifiable)
 * @param outputs       the network's outputs for the image, as returned by {@link Sequential#predict(
 *                      io.github.convscope.image.FloatImage)}
 */
public record Prediction(int classIndex, String className, Map<String, Double> probabilities, float[] outputs) {

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException when a part is missing or the class is not among the probabilities
     */
    public Prediction {
        if (className == null || probabilities == null || outputs == null) {
            throw new IllegalArgumentException("className, probabilities and outputs must all be given");
        }
        if (!probabilities.containsKey(className)) {
            throw new IllegalArgumentException("className " + className + " is not one of " + probabilities.keySet());
        }
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        outputs = outputs.clone();
    }

    /**
     * The prediction for a network's outputs.
     *
     * @param outputs    one sigmoid value, or one value per class
     * @param classNames the class names in index order: two for one sigmoid output, one per output otherwise
     * @return the prediction
     * @throws IllegalArgumentException when the number of names does not fit the outputs
     */
    public static Prediction of(float[] outputs, List<String> classNames) {
        int classes = outputs.length == 1 ? 2 : outputs.length;
        if (classNames.size() != classes) {
            throw new IllegalArgumentException("classNames has " + classNames.size() + " names for " + outputs.length
                    + " outputs; give " + classes + " (two for one sigmoid output)");
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        int best = 0;
        if (outputs.length == 1) {
            probabilities.put(classNames.get(0), 1.0 - outputs[0]);
            probabilities.put(classNames.get(1), (double) outputs[0]);
            best = outputs[0] > 0.5f ? 1 : 0;
        } else {
            for (int c = 0; c < outputs.length; c++) {
                probabilities.put(classNames.get(c), (double) outputs[c]);
                if (outputs[c] > outputs[best]) {
                    best = c;
                }
            }
        }
        return new Prediction(best, classNames.get(best), probabilities, outputs);
    }

    /** @return the network's outputs (a copy) */
    @Override
    public float[] outputs() {
        return outputs.clone();
    }

    /** @return the probability of the predicted class */
    public double probability() {
        return probabilities.get(className);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && p.classIndex == classIndex && p.className.equals(className)
                && p.probabilities.equals(probabilities) && Arrays.equals(p.outputs, outputs);
    }

    @Override
    public int hashCode() {
        return 31 * probabilities.hashCode() + Arrays.hashCode(outputs);
    }

    @Override
    public String toString() {
        StringJoiner all = new StringJoiner(", ", "{", "}");
        probabilities.forEach((name, p) -> all.add(String.format(Locale.ROOT, "%s=%.4f", name, p)));
        return String.format(Locale.ROOT, "%s (%.4f) %s", className, probability(), all);
    }
}
