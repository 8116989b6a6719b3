package io.github.convscope.model.callbacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.model.Activation;
import io.github.convscope.model.Callback;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Sequential;
import io.github.convscope.model.TrainingContext;
import io.github.convscope.model.TwoClassData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** EarlyStopping, ModelCheckpoint, CsvLogger and ReduceLROnPlateau on short fits of a tiny model. */
class CallbacksTest {
    private static final int SIZE = 12;

    private static Sequential model(long seed, double learningRate) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(seed)
                .add(Conv2D.of(3, 3).activation(Activation.RELU)).add(MaxPooling2D.of()).add(Flatten.of())
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(learningRate), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
    }

    private static DataSetIterator train() {
        return TwoClassData.binary(16, SIZE, 8, 1);
    }

    private static DataSetIterator validation() {
        return TwoClassData.binary(8, SIZE, 8, 2);
    }

    private static FitOptions quiet(Callback... callbacks) {
        return FitOptions.builder().verbose(0).callbacks(callbacks).build();
    }

    /** Records, at each epoch end, the weights and the predictions for a fixed batch. */
    private static final class Recorder implements Callback {
        final List<INDArray> params = new ArrayList<>();
        final List<INDArray> predictions = new ArrayList<>();
        final INDArray probe = validation().next().getFeatures();

        @Override
        public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
            params.add(context.model().network().params().dup());
            predictions.add(context.model().predict(probe).dup());
        }
    }

    @Test
    void earlyStoppingPatienceAndMinDelta() {
        Sequential m = model(1, 0.01);
        // no epoch after the first can improve the loss by 10: it stops after 1 + patience epochs
        EarlyStopping es = EarlyStopping.builder().monitor("loss").minDelta(10).patience(2).build();
        History h = m.fit(train(), 10, null, quiet(es));
        assertEquals(3, h.epochs());
        assertEquals(2, es.stoppedEpoch());
        EarlyStopping none = EarlyStopping.builder().monitor("loss").minDelta(10).patience(5).build();
        assertEquals(4, m.fit(train(), 4, null, quiet(none)).epochs(), "patience not exhausted: runs to the end");
        assertEquals(-1, none.stoppedEpoch());
    }

    @Test
    void earlyStoppingFollowsKerasRuleOnValidationLoss() {
        for (double lr : new double[] {0.003, 0.1}) {
            Sequential m = model(4, lr);
            EarlyStopping es = EarlyStopping.builder().patience(2).minDelta(0.01).build(); // val_loss, mode auto
            History h = m.fit(train(), 8, validation(), quiet(es));
            double[] v = h.get("val_loss");
            // replay Keras's rule on the recorded values
            double best = Double.POSITIVE_INFINITY;
            int wait = 0;
            int stop = -1;
            for (int e = 0; e < v.length && stop < 0; e++) {
                if (v[e] + 0.01 < best) {
                    best = v[e];
                    wait = 0;
                } else if (++wait >= 2) {
                    stop = e;
                }
            }
            assertEquals(stop, es.stoppedEpoch(), Arrays.toString(v));
            assertEquals(stop < 0 ? 8 : stop + 1, h.epochs(), Arrays.toString(v));
        }
    }

    @Test
    void restoreBestWeights() {
        for (boolean restore : new boolean[] {true, false}) {
            Sequential m = model(2, 0.05);
            Recorder recorder = new Recorder(); // before EarlyStopping: sees each epoch's own weights
            EarlyStopping es = EarlyStopping.builder().monitor("loss").minDelta(10).patience(2)
                    .restoreBestWeights(restore).build();
            History h = m.fit(train(), 10, null, quiet(recorder, es));
            assertEquals(3, h.epochs());
            assertNotEquals(recorder.params.get(0), recorder.params.get(2), "training changed the weights");
            INDArray expected = recorder.params.get(restore ? 0 : 2);
            assertEquals(expected, m.network().params(), restore ? "best (first) epoch restored" : "last kept");
            assertEquals(recorder.predictions.get(restore ? 0 : 2), m.predict(recorder.probe));
        }
    }

    @Test
    void checkpointSavesOnlyTheBestAtomically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("best.zip");
        Sequential m = model(6, 0.1);
        Recorder recorder = new Recorder();
        List<byte[]> bytesAfterEpoch = new ArrayList<>();
        Callback fileWatcher = new Callback() {
            @Override
            public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
                try {
                    bytesAfterEpoch.add(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        ModelCheckpoint checkpoint = ModelCheckpoint.builder(file).saveBestOnly(true).build(); // val_loss
        History h = m.fit(train(), 6, validation(), quiet(recorder, checkpoint, fileWatcher));
        double[] v = h.get("val_loss");
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        for (int e = 0; e < v.length; e++) {
            boolean improved = v[e] < best;
            byte[] previous = e == 0 ? new byte[0] : bytesAfterEpoch.get(e - 1);
            assertEquals(improved, !Arrays.equals(previous, bytesAfterEpoch.get(e)),
                    "written exactly when val_loss improved, epoch " + e + ": " + Arrays.toString(v));
            if (improved) {
                best = v[e];
                bestEpoch = e;
            }
        }
        assertEquals(file, checkpoint.lastSaved());
        Sequential saved = Sequential.load(file);
        assertEquals(recorder.predictions.get(bestEpoch), saved.predict(recorder.probe));
        assertEquals(recorder.params.get(bestEpoch), saved.network().params());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
    }

    @Test
    void checkpointEveryEpochWithPlaceholdersAndRefusingForeignFiles(@TempDir Path dir) throws IOException {
        Sequential m = model(7, 0.01);
        History h = m.fit(train(), 2, validation(),
                quiet(ModelCheckpoint.builder(dir.resolve("m.{epoch:02d}-{val_loss:.2f}.zip")).build()));
        List<String> expected = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            expected.add(String.format(java.util.Locale.ROOT, "m.%02d-%.2f.zip", e + 1, h.get("val_loss")[e]));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(expected, files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        Path foreign = dir.resolve("notes.zip");
        Files.writeString(foreign, "my notes", StandardCharsets.UTF_8);
        assertThrows(UncheckedIOException.class, () -> m.fit(train(), 1, null,
                quiet(ModelCheckpoint.builder(foreign).monitor("loss").build())));
        assertEquals("my notes", Files.readString(foreign), "a user's file is never overwritten");
    }

    @Test
    void csvLoggerWritesKerasColumns(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("logs/training.csv");
        Sequential m = model(8, 0.01);
        History h = m.fit(train(), 3, validation(), quiet(CsvLogger.of(csv)));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", lines.get(0));
        String[] keys = lines.get(0).split(",");
        for (int e = 0; e < 3; e++) {
            String[] cells = lines.get(e + 1).split(",");
            assertEquals(Integer.toString(e), cells[0]);
            for (int k = 1; k < keys.length; k++) {
                // Python's repr of a float reads back to the same double
                assertEquals(h.get(keys[k])[e], Double.parseDouble(cells[k]), keys[k] + " at epoch " + e);
            }
        }
        assertEquals("0.001", CsvLogger.pythonRepr(0.001));
        assertEquals("1e-05", CsvLogger.pythonRepr(1e-5));
        assertEquals("0.5", CsvLogger.pythonRepr(0.5));
        // a new logger starts the file again; an appending one adds rows under the same header
        m.fit(train(), 1, validation(), quiet(CsvLogger.of(csv)));
        assertEquals(2, Files.readAllLines(csv).size());
        m.fit(train(), 2, validation(), quiet(CsvLogger.appending(csv)));
        List<String> appended = Files.readAllLines(csv);
        assertEquals(4, appended.size());
        assertEquals("epoch,accuracy,loss,val_accuracy,val_loss", appended.get(0));
        assertTrue(appended.get(2).startsWith("0,") && appended.get(3).startsWith("1,"), appended.toString());
        Path foreign = dir.resolve("data.csv");
        Files.writeString(foreign, "id,name\n1,x\n");
        assertThrows(IllegalStateException.class, () -> m.fit(train(), 1, null, quiet(CsvLogger.of(foreign))));
        assertEquals("id,name\n1,x\n", Files.readString(foreign));
    }

    @Test
    void reduceLrOnPlateauLowersTheLearningRate() {
        Sequential m = model(9, 0.01);
        ReduceLROnPlateau reduce = ReduceLROnPlateau.builder().monitor("loss").minDelta(10).patience(1).factor(0.5)
                .build();
        INDArray before = m.network().params().dup();
        History h = m.fit(train(), 3, null, quiet(reduce));
        assertTrue(h.has("lr"), h.keys().toString());
        assertArrayEquals(new double[] {0.01, 0.01, 0.005}, h.get("lr"), 1e-9);
        for (int i = 0; i < m.network().getnLayers(); i++) {
            Double lr = m.network().getLearningRate(i);
            if (lr != null) {
                assertEquals(0.0025, lr, 1e-9, "layer " + i);
            }
        }
        assertFalse(before.equals(m.network().params()));

        Sequential floor = model(9, 0.01);
        History hf = floor.fit(train(), 3, null, quiet(ReduceLROnPlateau.builder().monitor("loss").minDelta(10)
                .patience(1).factor(0.1).minLr(0.004).build()));
        assertArrayEquals(new double[] {0.01, 0.01, 0.004}, hf.get("lr"), 1e-9);
        assertEquals(0.004, ReduceLROnPlateau.learningRate(floor.network()), 1e-9, "never below minLr");
    }

    @Test
    void reduceLrOnPlateauWorksForEveryOptimizer() {
        for (Optimizer optimizer : new Optimizer[] {Optimizer.sgd(0.02, 0.9), Optimizer.rmsprop(0.02)}) {
            Sequential m = Sequential.builder().inputShape(SIZE, SIZE, 3).seed(12).add(Flatten.of())
                    .add(Dense.of(1).activation(Activation.SIGMOID))
                    .compile(optimizer, Loss.BINARY_CROSSENTROPY).build();
            History h = m.fit(train(), 3, null, quiet(ReduceLROnPlateau.builder().monitor("loss").minDelta(10)
                    .patience(1).factor(0.5).build()));
            assertArrayEquals(new double[] {0.02, 0.02, 0.01}, h.get("lr"), 1e-9, optimizer.toString());
            assertEquals(0.005, ReduceLROnPlateau.learningRate(m.network()), 1e-9, optimizer.toString());
        }
    }

    @Test
    void reducedLearningRateIsUsedByTheUpdater() {
        // two identical models; one has its rate cut to 0 after epoch 1 (factor tiny, minLr 0): it then stops moving
        Sequential m = model(10, 0.01);
        Recorder recorder = new Recorder();
        m.fit(train(), 3, null, quiet(ReduceLROnPlateau.builder().monitor("loss").minDelta(10).patience(1)
                .factor(1e-12).build(), recorder));
        INDArray e1 = recorder.params.get(1);
        INDArray e2 = recorder.params.get(2);
        double moved = e2.sub(e1).amaxNumber().doubleValue();
        double movedBefore = e1.sub(recorder.params.get(0)).amaxNumber().doubleValue();
        assertTrue(movedBefore > 1e-4, "epoch 2 trained at 0.01: " + movedBefore);
        assertTrue(moved < 1e-6, "epoch 3 trained at 1e-14: " + moved);
    }
}
