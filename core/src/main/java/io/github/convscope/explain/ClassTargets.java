package io.github.convscope.explain;

import io.github.convscope.evaluation.ConfusionMatrix;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Which class each image is explained for, and the matching seed of the backward pass at the logits. */
final class ClassTargets {
    private ClassTargets() {
    }

    /**
     * The class each image is explained for: none given, the predicted classes; one, that class for every image; one
     * per image, those.
     */
    static int[] resolve(int[] classes, INDArray probabilities) {
        int n = (int) probabilities.size(0);
        int k = (int) Math.max(2, probabilities.size(1));
        int[] targets;
        if (classes == null || classes.length == 0) {
            return ConfusionMatrix.predictedClasses(probabilities.toFloatMatrix());
        } else if (classes.length == 1) {
            targets = new int[n];
            Arrays.fill(targets, classes[0]);
        } else if (classes.length == n) {
            targets = classes.clone();
        } else {
            throw new IllegalArgumentException("classes has " + classes.length + " entries for " + n + " images; give "
                    + "none (the predicted classes), one (for every image) or one per image");
        }
        for (int c : targets) {
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException("class " + c + " lies outside the network's " + k + " classes [0, "
                        + (k - 1) + "]");
            }
        }
        return targets;
    }

    /** d(score)/d(logits): one-hot for softmax, +1 / -1 for the logit of one sigmoid unit. */
    static INDArray selector(int[] targets, INDArray probabilities, DataType type) {
        long units = probabilities.size(1);
        INDArray sel = Nd4j.zeros(type, targets.length, units);
        for (int i = 0; i < targets.length; i++) {
            if (units == 1) {
                sel.putScalar(i, 0, targets[i] == 1 ? 1.0 : -1.0);
            } else {
                sel.putScalar(i, targets[i], 1.0);
            }
        }
        return sel;
    }
}
