package io.github.convscope.model;

import io.github.convscope.evaluation.ClassificationReport;
import io.github.convscope.evaluation.ConfusionMatrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What {@link Sequential#evaluateReport} found: Keras's loss and metrics, the confusion matrix and scikit-learn's
 * per-class report over the same predictions.
 *
 * <pre>{@code
 * EvaluationReport result = model.evaluateReport(validation);
 * System.out.println(result);      // loss and metrics, the confusion matrix, the classification report
 * int catsTakenForDogs = result.confusionMatrix().count(0, 1);
 * }</pre>
 *
 * @param logs            the loss and the compiled metrics, Keras's names, as {@link Sequential#evaluate} returns
 *                        them (unmodifiable, in Keras's order)
 * @param confusionMatrix rows are true classes, columns predicted classes, in class index order
 */
public record EvaluationReport(Map<String, Double> logs, ConfusionMatrix confusionMatrix) {

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException when a part is missing or the logs have no loss
     */
    public EvaluationReport {
        if (logs == null || confusionMatrix == null || !logs.containsKey("loss")) {
            throw new IllegalArgumentException("logs (with a loss) and confusionMatrix must both be given");
        }
        logs = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
    }

    /** @return the mean loss over all samples */
    public double loss() {
        return logs.get("loss");
    }

    /** @return precision, recall, F1 and support per class, accuracy and averages, as scikit-learn reports them */
    public ClassificationReport classificationReport() {
        return confusionMatrix.report();
    }

    /** @return the logs on one line ({@code loss: 0.1234 - accuracy: 0.9000}), the matrix and the report */
    @Override
    public String toString() {
        StringJoiner line = new StringJoiner(" - ");
        logs.forEach((k, v) -> line.add(String.format(Locale.ROOT, "%s: %.4f", k, v)));
        return line + "\n\n" + confusionMatrix + "\n" + classificationReport();
    }
}
