package io.github.convscope.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras metrics reported by {@code fit} and {@code evaluate} besides the loss.
 *
 * <pre>{@code
 * .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
 * }</pre>
 */
public enum Metric {
    /**
     * Keras {@code 'accuracy'}, resolved as Keras does: binary accuracy (output > 0.5 equals the label) for binary
     * cross-entropy or a single output unit, sparse categorical accuracy for the sparse loss, categorical accuracy
     * (argmax agreement) otherwise.
     */
    ACCURACY("accuracy");

    private final String kerasName;

    Metric(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The history key, e.g. {@code accuracy} (and {@code val_accuracy} on validation data). */
    public String kerasName() {
        return kerasName;
    }

    /**
     * Sum over the batch of the per-sample metric value, for a model compiled with {@code loss}; divided by the number
     * of samples seen it is the mean that {@code fit} reports.
     */
    public double sumOverBatch(Loss loss, INDArray labels, INDArray predictions) {
        long n = predictions.size(0);
        long units = predictions.size(1);
        double total = 0;
        if (loss == Loss.BINARY_CROSSENTROPY || units == 1) {
            // Keras binary_accuracy: mean over outputs of (y_pred > 0.5) == y_true
            for (long i = 0; i < n; i++) {
                double correct = 0;
                for (long j = 0; j < units; j++) {
                    double predicted = predictions.getDouble(i, j) > 0.5 ? 1 : 0;
                    correct += predicted == labels.getDouble(i, j) ? 1 : 0;
                }
                total += correct / units;
            }
            return total;
        }
        INDArray predictedClass = predictions.argMax(1);
        if (loss == Loss.SPARSE_CATEGORICAL_CROSSENTROPY) {
            for (long i = 0; i < n; i++) {
                total += Math.round(labels.getDouble(i, 0)) == predictedClass.getLong(i) ? 1 : 0;
            }
            return total;
        }
        INDArray trueClass = labels.argMax(1);
        for (long i = 0; i < n; i++) {
            total += trueClass.getLong(i) == predictedClass.getLong(i) ? 1 : 0;
        }
        return total;
    }
}
