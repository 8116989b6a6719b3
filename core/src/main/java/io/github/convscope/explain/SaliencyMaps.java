package io.github.convscope.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saliency of a batch: the gradient of each image's class score with respect to its pixels (vanilla, Simonyan et al.
 * 2013, or averaged over noisy copies, SmoothGrad).
 *
 * <pre>{@code
 * SaliencyMaps s = Explainer.of(model).saliency(images);
 * INDArray perPixel = s.maps();           // [n, height, width]
 * }</pre>
 *
 * @param maps          float32 {@code [n, height, width]}: the largest absolute gradient over the channels, in the
 *                      units of the class score per unit of input (not normalised)
 * @param gradients     float32 NHWC {@code [n, height, width, channels]}: the (mean) signed gradients
 * @param classes       the class each map explains
 * @param probabilities float32 {@code [n, K]}: the network's outputs for the (clean) images
 */
public record SaliencyMaps(INDArray maps, INDArray gradients, int[] classes, INDArray probabilities) {

    /**
     * One map scaled to [0, 1] by its own maximum, for pictures.
     *
     * @param i the image index
     * @return {@code height * width} values in row-major order
     */
    public float[] normalizedMap(int i) {
        float[] m = maps.slice(i).dup('c').data().asFloat();
        float max = 0;
        for (float v : m) {
            max = Math.max(max, v);
        }
        if (max > 0) {
            for (int k = 0; k < m.length; k++) {
                m[k] /= max;
            }
        }
        return m;
    }
}
