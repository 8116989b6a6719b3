package io.github.convscope.backend;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's fully connected layer configuration, computed by libnd4j's {@code matmul} operation (which a oneDNN build of
 * ND4J runs on oneDNN's matrix multiply, about a third faster than the OpenBLAS call DL4J's own layer makes on the
 * lecture's 20736 x 512 layer) instead of {@code Nd4j.gemm}, and taking ReLU's derivative from the layer's output
 * instead of recomputing the forward product in the backward pass. It is a DL4J custom layer: the same settings,
 * parameters ({@code W} as [nIn, nOut], {@code b}), initialisers and JSON form as {@link DenseLayer}, only
 * {@link #instantiate} differs.
 *
 * <pre>{@code
 * Layer dense = NativeDense.of(new DenseLayer.Builder().nIn(20736).nOut(512).activation(Activation.RELU));
 * }</pre>
 */
public class NativeDense extends DenseLayer {
    private static final long serialVersionUID = 1L;

    /** For DL4J's JSON deserialisation; build instances with {@link #of(DenseLayer.Builder)}. */
    public NativeDense() {
        super();
    }

    /**
     * The configuration {@code builder} describes, computed by libnd4j's {@code matmul}.
     *
     * @throws IllegalArgumentException where DL4J's {@code build()} refuses the settings (same checks)
     */
    public static NativeDense of(DenseLayer.Builder builder) {
        DenseLayer plain = builder.build();   // DL4J's own validation; its constructor from a builder is private
        NativeDense layer = new NativeDense();
        copyFields(plain, layer);
        return layer;
    }

    /** Every instance field of DL4J's configuration classes, from {@code from} to {@code to}. */
    private static void copyFields(DenseLayer from, NativeDense to) {
        for (Class<?> c = DenseLayer.class; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(to, f.get(from));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy DL4J's DenseLayer setting " + c.getSimpleName() + "."
                            + f.getName() + " (DL4J version other than 1.0.0-M2.1?)", e);
                }
            }
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
            INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return CustomLayers.wire(new NativeDenseLayer(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams, initializer());
    }

    @Override
    public NativeDense clone() {
        return (NativeDense) super.clone();
    }
}
