package io.github.convscope.explain;

/**
 * How the channels of a layer are weighted into a class-activation map.
 *
 * <pre>{@code
 * Heatmaps pp = explainer.gradCam(images, CamMethod.GRAD_CAM_PLUS_PLUS, "conv2d_2");
 * }</pre>
 */
public enum CamMethod {
    /** Selvaraju et al. 2017: each channel weighs the spatial mean of its gradient. */
    GRAD_CAM,
    /**
     * Chattopadhay et al. 2018, in pytorch-grad-cam's form: positive gradients weighted by
     * {@code g^2 / (2 g^2 + sum(A) g^3)}, summed over space.
     */
    GRAD_CAM_PLUS_PLUS
}
