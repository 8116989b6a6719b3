package io.github.convscope.model;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * Keras {@code MaxPooling2D}: the maximum over each window; pool size 2x2, strides equal to the pool size and
 * {@code valid} padding unless set otherwise (see {@link Pooling2D}).
 *
 * <pre>{@code
 * MaxPooling2D.of()            // 2x2, stride 2: 75x75 becomes 37x37
 * }</pre>
 */
public final class MaxPooling2D extends Pooling2D<MaxPooling2D> {

    private MaxPooling2D(Window window) {
        super(window, PoolingType.MAX);
    }

    /** A 2x2 pooling with stride 2 (Keras's defaults). */
    public static MaxPooling2D of() {
        return of(2);
    }

    /** A square pooling window; the strides follow the pool size. */
    public static MaxPooling2D of(int poolSize) {
        return of(poolSize, poolSize);
    }

    /** A {@code poolHeight} x {@code poolWidth} window; the strides follow the pool size. */
    public static MaxPooling2D of(int poolHeight, int poolWidth) {
        return new MaxPooling2D(Window.of(poolHeight, poolWidth));
    }

    static MaxPooling2D fromSettings(LayerSettings s) {
        return new MaxPooling2D(Window.fromSettings(s));
    }

    @Override
    MaxPooling2D with(Window newWindow) {
        return new MaxPooling2D(newWindow);
    }
}
