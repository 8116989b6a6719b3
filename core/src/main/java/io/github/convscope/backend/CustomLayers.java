package io.github.convscope.backend;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What the custom layer configurations of this package share with DL4J's own. */
final class CustomLayers {
    private CustomLayers() {
    }

    /**
     * Does for a new custom layer what DL4J's configurations do in {@code instantiate}: listeners, index, the
     * parameter view and table (initialised when asked) and the configuration.
     */
    static <L extends Layer> L wire(L layer, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
            int index, INDArray paramsView, boolean initializeParams, ParamInitializer initializer) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /**
     * Frees {@code temporary}, an array a layer made for itself, unless it is null, one of {@code kept} (the arrays it
     * was made from) or in a DL4J workspace (which DL4J reuses): outside workspaces, as in an explanation's passes, it
     * would otherwise wait for the garbage collector.
     */
    static void freeTemporary(INDArray temporary, INDArray... kept) {
        if (temporary == null || temporary.isAttached()) {
            return;
        }
        for (INDArray k : kept) {
            if (temporary == k) {
                return;
            }
        }
        NativeMemory.free(temporary);
    }

    /** Plain ReLU (no cap, threshold or leak): its derivative is 1 exactly where its output is above 0. */
    static boolean plainRelu(IActivation afn) {
        return afn instanceof ActivationReLU relu && relu.getMax() == null && relu.getThreshold() == null
                && relu.getNegativeSlope() == null;
    }
}
