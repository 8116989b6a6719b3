package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.backend.NativeAcceleration;
import io.github.convscope.data.ArrayIterator;
import io.github.convscope.evaluation.ClassScores;
import io.github.convscope.evaluation.ClassificationReport;
import io.github.convscope.evaluation.ConfusionMatrix;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * evaluate, evaluateReport, the raw network fed through toNetworkInput, predict over iterators and files, fit with
 * options and callbacks, close: the same numbers on the oneDNN path (NCHW network) and on the plain path (NHWC).
 */
class SequentialEvaluationTest {
    private static final int SIZE = 8;

    /**
     * 40 samples of TwoClassData served by ConvScope's own ArrayIterator, every fifth label swapped (samples 0, 10,
     * 20, 30 of class 0 and 5, 15, 25, 35 of class 1), so that even a model that learned the classes makes mistakes
     * both ways.
     */
    private static ArrayIterator validation(boolean oneHot) {
        DataSet all = TwoClassData.iterator(40, SIZE, 40, 11, oneHot).next();
        INDArray y = all.getLabels().dup();
        for (int i = 0; i < 40; i += 5) {
            if (oneHot) {
                double first = y.getDouble(i, 0);
                y.putScalar(i, 0, y.getDouble(i, 1));
                y.putScalar(i, 1, first);
            } else {
                y.putScalar(i, 0, 1 - y.getDouble(i, 0));
            }
        }
        return ArrayIterator.builder(all.getFeatures(), y).batchSize(16).shuffle(false).build();
    }

    private static Sequential trained(boolean oneHot) {
        Sequential.Builder b = TwoClassData.smallModel(SIZE);
        if (oneHot) {
            b = Sequential.builder().inputShape(SIZE, SIZE, 3)
                    .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                    .add(Flatten.of()).add(Dense.of(2).activation(Activation.SOFTMAX));
        }
        Sequential model = b.compile(Optimizer.adam(), oneHot ? Loss.CATEGORICAL_CROSSENTROPY
                : Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).seed(5).build();
        model.fit(TwoClassData.iterator(48, SIZE, 16, 3, oneHot), 4, null, FitOptions.builder().verbose(0).build());
        return model;
    }

    /** network().evaluate(toNetworkInput(it)) is DL4J's Evaluation; evaluateReport must give the same numbers. */
    private static void assertSameAsDl4j(Sequential model, boolean oneHot) {
        ArrayIterator data = validation(oneHot);
        EvaluationReport report = model.evaluateReport(data);
        Evaluation dl4j = model.network().evaluate(model.toNetworkInput(data));
        ConfusionMatrix cm = report.confusionMatrix();
        assertEquals(40, cm.total());
        for (int actual = 0; actual < 2; actual++) {
            for (int predicted = 0; predicted < 2; predicted++) {
                assertEquals(dl4j.getConfusionMatrix().getCount(actual, predicted), cm.count(actual, predicted),
                        "confusion (" + actual + ", " + predicted + ")");
            }
            ClassScores scores = report.classificationReport().classes().get(actual);
            assertEquals(dl4j.precision(actual), scores.precision(), 1e-12, "precision " + actual);
            assertEquals(dl4j.recall(actual), scores.recall(), 1e-12, "recall " + actual);
            assertEquals(dl4j.f1(actual), scores.f1Score(), 1e-12, "f1 " + actual);
        }
        assertEquals(dl4j.accuracy(), report.classificationReport().accuracy(), 1e-12);
        assertEquals(dl4j.accuracy(), report.logs().get("accuracy"), 1e-6, "Keras's accuracy metric");
        assertEquals(model.evaluate(data), report.logs(), "evaluate and evaluateReport: one pass, same logs");
    }

    @Test
    void networkEvaluateEqualsEvaluateReportOnTheDefaultPath() {
        try (Sequential model = trained(false)) {
            assertEquals(NativeAcceleration.trainingFormat(), model.dataFormat());
            assertSameAsDl4j(model, false);
        }
        try (Sequential model = trained(true)) {
            assertSameAsDl4j(model, true);
        }
        // untrained: outputs near 0.5, so both classes are predicted right and wrong, no perfect diagonal
        try (Sequential model = TwoClassData.smallModel(SIZE)
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).seed(9).build()) {
            assertSameAsDl4j(model, false);
        }
    }

    @Test
    void networkEvaluateEqualsEvaluateReportOnThePlainPath() {
        String previous = System.getProperty(NativeAcceleration.PROPERTY);
        System.setProperty(NativeAcceleration.PROPERTY, "false");
        try (Sequential model = trained(false)) {
            assertEquals(CNN2DFormat.NHWC, model.dataFormat());
            assertEquals(false, NativeAcceleration.isEnabled());
            assertSameAsDl4j(model, false);
        } finally {
            if (previous == null) {
                System.clearProperty(NativeAcceleration.PROPERTY);
            } else {
                System.setProperty(NativeAcceleration.PROPERTY, previous);
            }
        }
    }

    /**
     * A model whose output is sigmoid(x) for a 1x1 grey image of value x: true class 1 for x = 2, 3, 1, -1 and
     * class 0 for x = 1, 2, -1, -2, -3, -4, so TP 3, FN 1, FP 2, TN 4.
     */
    @Test
    void reportMatchesHandComputedValues() {
        float[] x = {2, 3, 1, -1, 1, 2, -1, -2, -3, -4};
        float[] y = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
        try (Sequential model = Sequential.builder().inputShape(1, 1, 1).add(Flatten.of())
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.sgd(0.1), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).seed(1).build()) {
            model.network().setParams(Nd4j.create(new float[] {1, 0}, new long[] {1, 2}, 'c'));
            ArrayIterator data = ArrayIterator.builder(Nd4j.create(x, new long[] {10, 1, 1, 1}, 'c'),
                    Nd4j.create(y, new long[] {10, 1}, 'c')).batchSize(4).shuffle(false).build();
            EvaluationReport report = model.evaluateReport(data);

            assertArrayEquals(new int[][] {{4, 2}, {1, 3}}, report.confusionMatrix().counts());
            ClassificationReport r = report.classificationReport();
            assertScores(r.classes().get(0), 0.8, 4.0 / 6, 2 * 0.8 * (4.0 / 6) / (0.8 + 4.0 / 6), 6);
            assertScores(r.classes().get(1), 0.6, 0.75, 2 * 0.6 * 0.75 / 1.35, 4);
            assertEquals(0.7, r.accuracy(), 1e-12);
            assertScores(r.macroAvg(), 0.7, (4.0 / 6 + 0.75) / 2, (16.0 / 22 + 0.9 / 1.35) / 2, 10);
            assertScores(r.weightedAvg(), 0.72, 0.7, (6 * 16.0 / 22 + 4 * 0.9 / 1.35) / 10, 10);

            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-x[i]));
                loss -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
            }
            assertEquals(loss / x.length, report.loss(), 1e-5);
            assertEquals(0.7, report.logs().get("accuracy"), 1e-12);
            String text = report.toString();
            assertTrue(text.startsWith("loss: " + String.format(java.util.Locale.ROOT, "%.4f", loss / x.length)
                    + " - accuracy: 0.7000"), text);
            assertTrue(text.contains("    accuracy                           0.70        10"), text);
        }
    }

    private static void assertScores(ClassScores s, double precision, double recall, double f1, int support) {
        assertEquals(precision, s.precision(), 1e-12, s.label() + " precision");
        assertEquals(recall, s.recall(), 1e-12, s.label() + " recall");
        assertEquals(f1, s.f1Score(), 1e-12, s.label() + " f1");
        assertEquals(support, s.support(), s.label() + " support");
    }

    @Test
    void predictPathEqualsPredictOfTheLoadedImage(@TempDir Path dir) throws IOException {
        BufferedImage image = new BufferedImage(20, 13, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(4);
        for (int r = 0; r < 13; r++) {
            for (int c = 0; c < 20; c++) {
                image.setRGB(c, r, random.nextInt(1 << 24));
            }
        }
        Path file = dir.resolve("sample.png");
        ImageIO.write(image, "png", file.toFile());
        try (Sequential model = trained(false)) {
            FloatImage loaded = ImageLoader.builder().targetSize(SIZE, SIZE).build().load(file);
            FloatImage scaled = scale(loaded);
            Prediction p = model.predict(file, SequentialEvaluationTest::scale);
            assertArrayEquals(model.predict(scaled), p.outputs());
            assertArrayEquals(loaded.data(), model.loadImage(file).data());
            assertEquals(List.of("left", "right"), List.copyOf(p.probabilities().keySet()));
            assertEquals(1.0, p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-6);
            assertEquals(p.outputs()[0] > 0.5f ? "right" : "left", p.className());
            assertArrayEquals(model.predict(loaded), model.predict(file).outputs(), "no preprocessing");
        }
    }

    private static FloatImage scale(FloatImage image) {
        float[] v = image.data().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] /= 255f;
        }
        return new FloatImage(image.height(), image.width(), image.channels(), v);
    }

    @Test
    void predictIteratorStacksTheBatchesInOrder() {
        try (Sequential model = trained(false)) {
            ArrayIterator data = validation(false);
            INDArray all = model.predict(data);
            assertEquals(40, all.size(0));
            data.reset();
            List<INDArray> batches = new ArrayList<>();
            while (data.hasNext()) {
                batches.add(model.predict(data.next().getFeatures()));
            }
            assertEquals(Nd4j.concat(0, batches.toArray(new INDArray[0])).castTo(DataType.FLOAT),
                    all.castTo(DataType.FLOAT));
        }
    }

    @Test
    void fitTakesOptionsAndCallbacksAndPrintsEachEpochOnce() {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Integer> epochs = new ArrayList<>();
        Callback counter = new Callback() {
            @Override
            public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
                epochs.add(epoch);
            }
        };
        try (Sequential model = TwoClassData.smallModel(SIZE)
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).seed(2).build()) {
            FitOptions options = FitOptions.builder().verbose(2)
                    .out(new PrintStream(progress, true, StandardCharsets.UTF_8)).build();
            model.fit(TwoClassData.binary(32, SIZE, 16, 1), 2, null, options, counter);
            assertEquals(List.of(0, 1), epochs);
            String text = progress.toString(StandardCharsets.UTF_8);
            assertEquals(2, text.lines().filter(l -> l.startsWith("Epoch ")).count(), text);
            assertEquals(2, text.lines().filter(l -> l.contains("loss: ")).count(), text);

            ByteArrayOutputStream silent = new ByteArrayOutputStream();
            model.fit(TwoClassData.binary(32, SIZE, 16, 1), 1, null,
                    FitOptions.builder().verbose(0).out(new PrintStream(silent, true, StandardCharsets.UTF_8)).build());
            assertEquals(0, silent.size(), "verbose(0) prints nothing");
        }
    }

    @Test
    void predictFromSeveralThreadsGivesWhatOneThreadGets() throws Exception {
        try (Sequential model = trained(false)) {
            INDArray batch = validation(false).next().getFeatures();
            INDArray expected = model.predict(batch).dup();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<INDArray>> results = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    results.add(pool.submit(() -> model.predict(batch).dup()));
                }
                for (Future<INDArray> f : results) {
                    assertEquals(expected, f.get());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closeFreesTheNetworkAndRefusesLaterCalls() {
        Sequential model = trained(false);
        INDArray batch = validation(false).next().getFeatures();
        model.predict(batch);
        model.close();
        model.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.predict(batch));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, model::network);
        assertThrows(IllegalStateException.class, () -> model.evaluate(validation(false)));
    }
}
