package io.github.convscope.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Class-activation heat maps of a batch (Grad-CAM or Grad-CAM++), one per image, with the class each explains.
 *
 * <pre>{@code
 * Heatmaps cams = Explainer.of(model).gradCam(images);
 * float[] first = cams.map(0);            // row-major, height x width, in [0, 1]
 * }</pre>
 *
 * @param layer         the layer whose activations were weighted
 * @param method        Grad-CAM or Grad-CAM++
 * @param maps          float32 {@code [n, height, width]} at the input size, each min-max normalised to [0, 1] (all
 *                      zero when the class has no positive evidence in the layer)
 * @param coarse        float32 {@code [n, h, w]}: ReLU of the weighted sum at the layer's own size, not normalised
 * @param classes       the class each map explains
 * @param probabilities float32 {@code [n, K]}: the network's outputs for the images (one column for a sigmoid unit)
 */
public record Heatmaps(String layer, CamMethod method, INDArray maps, INDArray coarse, int[] classes,
                       INDArray probabilities) {

    /** @return the number of images */
    public int size() {
        return (int) maps.size(0);
    }

    /**
     * One map as plain floats.
     *
     * @param i the image index
     * @return {@code height * width} values in row-major order, in [0, 1]
     */
    public float[] map(int i) {
        return maps.slice(i).dup('c').data().asFloat();
    }

    /** @return the map height (the input height) */
    public int height() {
        return (int) maps.size(1);
    }

    /** @return the map width (the input width) */
    public int width() {
        return (int) maps.size(2);
    }

    /**
     * The probability the network gives the explained class of one image.
     *
     * @param i the image index
     * @return for a sigmoid unit p for class 1 and 1 - p for class 0; otherwise the class's softmax output
     */
    public float probabilityOfClass(int i) {
        if (probabilities.size(1) == 1) {
            float p = probabilities.getFloat(i, 0);
            return classes[i] == 1 ? p : 1 - p;
        }
        return probabilities.getFloat(i, classes[i]);
    }
}
