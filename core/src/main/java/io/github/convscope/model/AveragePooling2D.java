package io.github.convscope.model;

import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * Keras {@code AveragePooling2D}: the mean over each window (padding excluded from the divisor, as in Keras); pool
 * size 2x2, strides equal to the pool size and {@code valid} padding unless set otherwise (see {@link Pooling2D}).
 *
 * <pre>{@code
 * AveragePooling2D.of()            // 2x2, stride 2: 75x75 becomes 37x37
 * }</pre>
 */
public final class AveragePooling2D extends Pooling2D<AveragePooling2D> {

    private AveragePooling2D(Window window) {
        super(window, PoolingType.AVG);
    }

    /** A 2x2 pooling with stride 2 (Keras's defaults). */
    public static AveragePooling2D of() {
        return of(2);
    }

    /** A square pooling window; the strides follow the pool size. */
    public static AveragePooling2D of(int poolSize) {
        return of(poolSize, poolSize);
    }

    /** A {@code poolHeight} x {@code poolWidth} window; the strides follow the pool size. */
    public static AveragePooling2D of(int poolHeight, int poolWidth) {
        return new AveragePooling2D(Window.of(poolHeight, poolWidth));
    }

    static AveragePooling2D fromSettings(LayerSettings s) {
        return new AveragePooling2D(Window.fromSettings(s));
    }

    @Override
    AveragePooling2D with(Window newWindow) {
        return new AveragePooling2D(newWindow);
    }
}
