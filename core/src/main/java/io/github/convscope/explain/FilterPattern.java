package io.github.convscope.explain;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input that a filter responds to most, found by gradient ascent from a noisy grey start.
 *
 * <pre>{@code
 * FilterPattern p = explainer.filterPatterns("conv2d", PatternSettings.DEFAULT, 3).get(0);
 * INDArray picture = p.displayImage();    // [height, width, channels] in [0, 1]
 * }</pre>
 *
 * @param layer             the layer
 * @param filter            the filter (channel) index
 * @param image             float32 HWC {@code [height, width, channels]}: the optimised input, unclipped
 * @param initialActivation the filter's mean activation on the starting image
 * @param finalActivation   the filter's mean activation on {@code image}
 */
public record FilterPattern(String layer, int filter, INDArray image, double initialActivation,
                            double finalActivation) {

    /**
     * The pattern for display, as Chollet's {@code deprocess_image}: centred, scaled to a standard deviation of 0.25
     * around 0.5 and clipped to [0, 1].
     *
     * @return float32 HWC {@code [height, width, channels]} in [0, 1]
     */
    public INDArray displayImage() {
        INDArray x = image.castTo(DataType.DOUBLE);
        double mean = x.meanNumber().doubleValue();
        double std = x.stdNumber().doubleValue();
        INDArray y = x.sub(mean).divi(std + 1e-5).muli(0.25).addi(0.5);
        y = org.nd4j.linalg.ops.transforms.Transforms.min(org.nd4j.linalg.ops.transforms.Transforms.max(y, 0.0,
                false), 1.0, false);
        return y.castTo(DataType.FLOAT).dup('c');
    }

    /** @return how much the search raised the filter's mean activation */
    public double gain() {
        return finalActivation - initialActivation;
    }

    static INDArray copyOf(INDArray hwc) {
        return Nd4j.create(hwc.castTo(DataType.FLOAT).dup('c').data().asFloat(), hwc.shape(), 'c');
    }
}
