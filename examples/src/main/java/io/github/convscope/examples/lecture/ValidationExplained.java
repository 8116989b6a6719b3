package io.github.convscope.examples.lecture;

import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.evaluation.ConfusionMatrix;
import io.github.convscope.explain.CamMethod;
import io.github.convscope.explain.Explainer;
import io.github.convscope.explain.Heatmaps;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model on every validation image, in one Grad-CAM pass (its forward pass gives the predictions too): the true
 * classes, the outputs, and per true class the mean image and the mean Grad-CAM map of the predicted classes.
 *
 * @param truth         the true class of each validation image, in file order
 * @param probabilities the model's output row of each image
 * @param meanImages    [K, h, w, c]: the mean image of each true class
 * @param meanMaps      [K, h, w]: the mean Grad-CAM map of each true class, min-max normalised
 * @param counts        images of each true class
 */
record ValidationExplained(int[] truth, float[][] probabilities, INDArray meanImages, INDArray meanMaps,
        int[] counts) {

    /** Runs the model's Grad-CAM over every batch of {@code validation} (reset before and after). */
    static ValidationExplained of(Sequential model, DirectoryIterator validation) {
        int k = validation.getLabels().size();
        Explainer explainer = Explainer.of(model);
        List<INDArray> outputs = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        INDArray imageSum = null;
        INDArray mapSum = null;
        int[] counts = new int[k];
        validation.reset();
        while (validation.hasNext()) {
            DataSet batch = validation.next();
            INDArray x = batch.getFeatures();
            int[] classes = ConfusionMatrix.predictedClasses(batch.getLabels().toFloatMatrix());
            Heatmaps cams = explainer.gradCam(x);
            outputs.add(cams.probabilities());
            if (imageSum == null) {
                imageSum = Nd4j.zeros(DataType.FLOAT, k, x.size(1), x.size(2), x.size(3));
                mapSum = Nd4j.zeros(DataType.FLOAT, k, x.size(1), x.size(2));
            }
            for (int i = 0; i < classes.length; i++) {
                imageSum.slice(classes[i]).addi(x.slice(i).castTo(DataType.FLOAT));
                mapSum.slice(classes[i]).addi(cams.maps().slice(i));
                counts[classes[i]]++;
                truth.add(classes[i]);
            }
        }
        validation.reset();
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                imageSum.slice(c).divi(counts[c]);
                INDArray m = mapSum.slice(c);
                double min = m.minNumber().doubleValue();
                double range = m.maxNumber().doubleValue() - min;
                m.subi(min).divi(range > 0 ? range : 1);
            }
        }
        return new ValidationExplained(truth.stream().mapToInt(Integer::intValue).toArray(),
                Nd4j.concat(0, outputs.toArray(new INDArray[0])).toFloatMatrix(), imageSum, mapSum, counts);
    }

    /** The mean maps as heat maps of the class means, for {@code ExplanationGrid}. */
    Heatmaps meanHeatmaps() {
        int[] classes = new int[counts.length];
        Arrays.setAll(classes, c -> c);
        return new Heatmaps("mean", CamMethod.GRAD_CAM, meanMaps, meanMaps, classes,
                Nd4j.zeros(DataType.FLOAT, counts.length, Math.max(2, counts.length)));
    }

    /** The share of class {@code c}'s mean heat in the top, middle and bottom third of the image. */
    double[] thirds(int c) {
        INDArray map = meanMaps.slice(c);
        long h = map.size(0);
        double total = map.sumNumber().doubleValue();
        double[] out = new double[3];
        for (long r = 0; r < h; r++) {
            out[(int) Math.min(2, r * 3 / h)] += map.getRow(r).sumNumber().doubleValue();
        }
        for (int t = 0; t < 3; t++) {
            out[t] = total > 0 ? out[t] / total : 0;
        }
        return out;
    }
}
