package io.github.convscope.model;

import io.github.convscope.evaluation.ConfusionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One inference pass over an iterator for {@link Sequential#evaluateReport} (Keras's loss and metrics through the
 * trainer's evaluate, plus the true class and outputs of every sample for the confusion matrix) and for
 * {@link Sequential#predict(DataSetIterator)} (the outputs alone).
 */
final class Evaluator {
    private Evaluator() {
    }

    /** Loss, metrics and the confusion matrix of the same predictions, in one pass. */
    static EvaluationReport report(Sequential model, ModelSpec spec, DataSetIterator data) {
        int units = spec.outputUnits();
        if (spec.loss() == Loss.BINARY_CROSSENTROPY && units != 1) {
            throw new IllegalStateException("binary_crossentropy over " + units + " sigmoid units is multi-label: "
                    + "a confusion matrix needs one class per sample; use evaluate for the loss and metrics");
        }
        List<Integer> truth = new ArrayList<>();
        List<float[]> outputs = new ArrayList<>();
        Map<String, Double> logs = Trainer.evaluate(model, spec, data,
                (labels, predictions) -> collect(spec.loss(), labels, predictions, truth, outputs));
        int classes = units == 1 ? 2 : units;
        int[] trueLabels = truth.stream().mapToInt(Integer::intValue).toArray();
        ConfusionMatrix matrix = ConfusionMatrix.fromProbabilities(trueLabels, outputs.toArray(new float[0][]),
                classNames(model, data, classes));
        return new EvaluationReport(logs, matrix);
    }

    /** The network's outputs for every sample, in the iterator's order, as one [n, units] array. */
    static INDArray predict(Sequential model, DataSetIterator data) {
        Trainer.reset(data, "prediction");
        List<INDArray> batches = new ArrayList<>();
        while (data.hasNext()) {
            batches.add(model.predict(data.next().getFeatures()));
        }
        if (batches.isEmpty()) {
            throw new IllegalStateException("the prediction iterator gave no batches");
        }
        return batches.size() == 1 ? batches.get(0) : Nd4j.concat(0, batches.toArray(new INDArray[0]));
    }

    /** The model's class names when they fit, else the iterator's, else "0", "1", ... */
    static List<String> classNames(Sequential model, DataSetIterator data, int classes) {
        if (model.classNames().size() == classes) {
            return model.classNames();
        }
        List<String> labels = data == null ? null : data.getLabels();
        if (labels != null && labels.size() == classes) {
            return List.copyOf(labels);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return names;
    }

    /** The true class of each row: 0/1 labels (binary), the one-hot column (categorical) or the index (sparse). */
    private static void collect(Loss loss, INDArray labels, INDArray predictions, List<Integer> truth,
            List<float[]> outputs) {
        float[][] y = labels.castTo(DataType.FLOAT).toFloatMatrix();
        float[][] p = predictions.castTo(DataType.FLOAT).toFloatMatrix();
        for (int i = 0; i < y.length; i++) {
            switch (loss) {
                case BINARY_CROSSENTROPY:
                    truth.add(y[i][0] > 0.5f ? 1 : 0);
                    break;
                case CATEGORICAL_CROSSENTROPY:
                    int best = 0;
                    for (int c = 1; c < y[i].length; c++) {
                        if (y[i][c] > y[i][best]) {
                            best = c;
                        }
                    }
                    truth.add(best);
                    break;
                default:
                    truth.add(Math.round(y[i][0]));
                    break;
            }
            outputs.add(p[i]);
        }
    }
}
