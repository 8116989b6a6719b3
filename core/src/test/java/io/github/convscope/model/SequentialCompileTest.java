package io.github.convscope.model;

import static io.github.convscope.model.SequentialStructureTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.model.callbacks.EarlyStopping;
import io.github.convscope.model.callbacks.ModelCheckpoint;
import io.github.convscope.model.callbacks.ReduceLROnPlateau;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/** compile's settings and every refusal of a loss, last layer and label mismatch, before any training step. */
class SequentialCompileTest {
    private static final int SIZE = 8;

    private static Sequential.Builder ending(Dense last) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(5).add(Conv2D.of(2, 3)).add(Flatten.of())
                .add(last);
    }

    private static FitOptions quiet(Callback... callbacks) {
        return FitOptions.builder().verbose(0).callbacks(callbacks).build();
    }

    /** fit is refused with a message holding every fragment, and no weight changed. */
    private static void assertFitRefused(Sequential model, DataSetIterator data, String... fragments) {
        INDArray before = model.network().params().dup();
        assertRefused(() -> model.fit(data, 1, null, quiet()), fragments);
        assertEquals(before, model.network().params(), "refused before any training step");
    }

    @Test
    void lastLayerMustSuitTheLoss() {
        assertRefused(() -> ending(Dense.of(2).activation(Activation.SOFTMAX))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY).build(),
                "binary_crossentropy", "softmax", "Activation.SIGMOID");
        assertRefused(() -> ending(Dense.of(1)).compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY).build(),
                "binary_crossentropy", "linear", "Activation.SIGMOID");
        assertRefused(() -> ending(Dense.of(2).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.CATEGORICAL_CROSSENTROPY).build(),
                "categorical_crossentropy", "sigmoid", "Activation.SOFTMAX");
        assertRefused(() -> ending(Dense.of(3).activation(Activation.RELU))
                .compile(Optimizer.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY).build(),
                "sparse_categorical_crossentropy", "relu", "Activation.SOFTMAX");
        assertRefused(() -> ending(Dense.of(1).activation(Activation.SOFTMAX))
                .compile(Optimizer.adam(), Loss.CATEGORICAL_CROSSENTROPY).build(),
                "softmax over 1 unit", "BINARY_CROSSENTROPY");
        assertRefused(() -> Sequential.builder().inputShape(SIZE, SIZE, 3).add(Conv2D.of(1, 3)).add(Flatten.of())
                .add(Dropout.of(0.2)).compile(Optimizer.adam(), Loss.MSE).build(), "must end with a Dense", "Dropout");
        assertRefused(() -> ending(Dense.of(1)).compile(null, Loss.MSE), "optimizer");
        assertRefused(() -> ending(Dense.of(1)).compile(Optimizer.adam(), null), "loss");
    }

    @Test
    void sigmoidUnitWithCategoricalLabels() {
        Sequential model = ending(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
        assertFitRefused(model, TwoClassData.categorical(8, SIZE, 4, 1),
                "2 columns", "classMode(ClassMode.BINARY)", "CATEGORICAL_CROSSENTROPY");
    }

    @Test
    void softmaxWithBinaryLabels() {
        Sequential model = ending(Dense.of(2).activation(Activation.SOFTMAX))
                .compile(Optimizer.adam(), Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY).build();
        assertFitRefused(model, TwoClassData.binary(8, SIZE, 4, 1),
                "1 column", "classMode(ClassMode.CATEGORICAL)", "SPARSE_CATEGORICAL_CROSSENTROPY");
    }

    @Test
    void sparseLossWithOneHotLabels() {
        Sequential model = ending(Dense.of(2).activation(Activation.SOFTMAX))
                .compile(Optimizer.adam(), Loss.SPARSE_CATEGORICAL_CROSSENTROPY).build();
        assertFitRefused(model, TwoClassData.categorical(8, SIZE, 4, 1), "2 columns", "classMode(ClassMode.SPARSE)");
    }

    @Test
    void wrongUnitCountAndWrongInputShape() {
        Sequential three = ending(Dense.of(3).activation(Activation.SOFTMAX))
                .compile(Optimizer.adam(), Loss.CATEGORICAL_CROSSENTROPY).build();
        assertFitRefused(three, TwoClassData.categorical(8, SIZE, 4, 1), "2 columns", "3 units", "Dense.of(2)");
        Sequential mse = ending(Dense.of(3)).compile(Optimizer.sgd(0.01), Loss.MSE).build();
        assertFitRefused(mse, TwoClassData.binary(8, SIZE, 4, 1), "1 columns", "3 units");
        Sequential binary = ending(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY).build();
        assertFitRefused(binary, TwoClassData.binary(8, SIZE + 2, 4, 1), "expected an NHWC batch [n, 8, 8, 3]");
    }

    @Test
    void notCompiled() {
        Sequential model = ending(Dense.of(1).activation(Activation.SIGMOID)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.fit(TwoClassData.binary(4, SIZE, 4, 1), 1, null, quiet()));
        assertTrue(e.getMessage().contains("compile"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> model.evaluate(TwoClassData.binary(4, SIZE, 4, 1)));
        // an uncompiled model still predicts
        assertEquals(4, model.predict(TwoClassData.binary(4, SIZE, 4, 1).next().getFeatures()).size(0));
    }

    @Test
    void misspeltMonitorListsTheAvailableKeys(@TempDir Path dir) {
        Sequential model = ending(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
        DataSetIterator train = TwoClassData.binary(8, SIZE, 4, 1);
        DataSetIterator val = TwoClassData.binary(4, SIZE, 4, 2);
        INDArray before = model.network().params().dup();
        for (Callback c : new Callback[] {
            EarlyStopping.builder().monitor("val_acc").build(),
            ReduceLROnPlateau.builder().monitor("val_acc").build(),
            ModelCheckpoint.builder(dir.resolve("m.zip")).monitor("val_acc").saveBestOnly(true).build()}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.fit(train, 2, val, quiet(c)));
            assertTrue(e.getMessage().contains("'val_acc'")
                    && e.getMessage().contains("[loss, accuracy, val_loss, val_accuracy]"), e.getMessage());
        }
        // without validation data the val_ keys are missing, and the message says why
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.fit(train, 2, null, quiet(EarlyStopping.builder().build())));
        assertTrue(e.getMessage().contains("[loss, accuracy]") && e.getMessage().contains("validation data"),
                e.getMessage());
        assertEquals(before, model.network().params(), "refused before training");
    }

    @Test
    void fitArgumentRefusals() {
        Sequential model = ending(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY).build();
        assertRefused(() -> model.fit(TwoClassData.binary(4, SIZE, 4, 1), 0, null, quiet()), "epochs", ">= 1");
        assertRefused(() -> model.fit(null, 1, null, quiet()), "train iterator");
        assertRefused(() -> FitOptions.builder().verbose(3).build(), "verbose");
        assertRefused(() -> FitOptions.builder().callbacks((Callback) null), "callbacks");
        assertRefused(() -> EarlyStopping.builder().patience(-1).build(), "patience");
        assertRefused(() -> EarlyStopping.builder().minDelta(Double.NaN).build(), "minDelta");
        assertRefused(() -> ReduceLROnPlateau.builder().factor(1).build(), "factor", "(0, 1)");
        assertRefused(() -> ReduceLROnPlateau.builder().minLr(-1).build(), "minLr");
        assertRefused(() -> EarlyStopping.builder().monitor("").build(), "monitor");
    }

    @Test
    void failingFitGivesTheNetworkItsListenersBack() {
        Sequential model = ending(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY).build();
        TrainingListener own = new BaseTrainingListener() { };
        model.network().setListeners(own);
        Callback failing = new Callback() {
            @Override
            public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
                throw new IllegalStateException("callback failed");
            }
        };
        assertThrows(IllegalStateException.class,
                () -> model.fit(TwoClassData.binary(4, SIZE, 4, 1), 2, null, quiet(failing)));
        assertEquals(List.of(own), List.copyOf(model.network().getListeners()));
    }

    @Test
    void optimizers() {
        assertRefused(() -> Optimizer.adam(0), "learningRate");
        assertRefused(() -> Optimizer.sgd(Double.NaN), "learningRate");
        assertRefused(() -> Optimizer.rmsprop(-1e-3), "learningRate");
        assertRefused(() -> Optimizer.sgd(0.01, 1.0), "momentum", "[0, 1)");
        assertInstanceOf(Sgd.class, Optimizer.sgd(0.05).toUpdater());
        assertEquals(0.05, ((Sgd) Optimizer.sgd(0.05).toUpdater()).getLearningRate());
        RmsProp rms = assertInstanceOf(RmsProp.class, Optimizer.rmsprop(0.002).toUpdater());
        assertEquals(0.002, rms.getLearningRate());
        assertEquals(0.9, rms.getRmsDecay());
        assertEquals(1e-7, rms.getEpsilon());
        KerasMomentum m = assertInstanceOf(KerasMomentum.class, Optimizer.sgd(0.01, 0.9).toUpdater());
        assertEquals(0.9, m.getMomentum());
        Sequential model = ending(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.rmsprop(0.002), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
        assertEquals(Loss.BINARY_CROSSENTROPY, model.loss());
        assertEquals(java.util.List.of(Metric.ACCURACY), model.metrics());
        assertEquals("rmsprop", model.optimizer().kerasName());
        BaseLayer conf = (BaseLayer) model.network().getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(0.002, assertInstanceOf(RmsProp.class, conf.getIUpdater()).getLearningRate());
    }

    @Test
    void kerasSgdMomentumUpdate() {
        // one weight, gradient g: v1 = -lr g, w1 = w0 + v1; v2 = m v1 - lr g, w2 = w1 + v2
        KerasMomentum config = new KerasMomentum(0.1, 0.9);
        INDArray state = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 1);
        org.nd4j.linalg.learning.GradientUpdater<?> u = config.instantiate(state, true);
        INDArray g = org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {1, 1}, 2.0);
        u.applyUpdater(g, 0, 0);
        assertEquals(0.2, g.getDouble(0), 1e-6, "DL4J subtracts the update: w -= 0.2");
        INDArray g2 = org.nd4j.linalg.factory.Nd4j.valueArrayOf(new long[] {1, 1}, 2.0);
        u.applyUpdater(g2, 1, 0);
        assertEquals(0.9 * 0.2 + 0.2, g2.getDouble(0), 1e-6);
    }

    @Test
    void verboseZeroPrintsNothingAndCompileWorksWithCategoricalLabels() {
        Sequential model = ending(Dense.of(2).activation(Activation.SOFTMAX)).seed(8)
                .compile(Optimizer.adam(0.01), Loss.CATEGORICAL_CROSSENTROPY, Metric.ACCURACY).build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        History h = model.fit(TwoClassData.categorical(16, SIZE, 8, 1), 2, null,
                FitOptions.builder().verbose(0).out(out).build());
        assertEquals(0, bytes.size(), "verbose 0 prints nothing");
        assertEquals(java.util.List.of("loss", "accuracy"), h.keys());
        assertEquals(2, h.epochs());
    }
}
