package io.github.convscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.Subset;
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
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import io.github.convscope.model.TrainingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training through DL4J's Spark masters in local[2]. */
// A hung Spark job fails its test instead of holding the build.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SparkTrainerTest {
    static final int SIZE = 12;
    private static JavaSparkContext sc;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws IOException {
        sc = LocalSpark.start("local[2]", "SparkTrainerTest");
        TestImages.learnable(tmp.resolve("tree"), 48, 21);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    static Sequential model(Optimizer optimizer, long seed) {
        return Sequential.builder().inputShape(SIZE, SIZE, 3).seed(seed)
                .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(8).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(optimizer, Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
    }

    SparkImageFolder folder(Subset subset, boolean shuffle) {
        return SparkImageFolder.builder(sc, tmp.resolve("tree").toString()).targetSize(SIZE, SIZE).batchSize(8)
                .classMode(ClassMode.BINARY).validationSplit(0.25).subset(subset).shuffle(shuffle).seed(4)
                .transform(() -> io.github.convscope.augment.ImageDataGenerator.builder().rescale(1.0 / 255)
                        .validationSplit(0.25).build())
                .build();
    }

    @Test
    void parameterAveragingLearnsWellAboveChanceAndCallsTheCallbacks() {
        Sequential model = model(Optimizer.adam(0.01), 3);
        List<String> events = new ArrayList<>();
        Callback recorder = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                events.add("begin");
            }

            @Override
            public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
                events.add("epoch" + epoch + logs.keySet());
            }

            @Override
            public void onTrainEnd(TrainingContext context) {
                events.add("end");
            }
        };
        SparkTrainer trainer = SparkTrainer.builder(sc, model).mode(TrainingMode.PARAMETER_AVERAGING).workers(2)
                .averagingFrequency(3).build();
        History history = trainer.fit(folder(Subset.TRAINING, true), 4, folder(Subset.VALIDATION, false),
                FitOptions.builder().verbose(0).callbacks(recorder).build());
        double[] valAccuracy = history.get("val_accuracy");
        assertEquals(4, history.epochs());
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        assertTrue(valAccuracy[3] >= 0.85, "val_accuracy " + java.util.Arrays.toString(valAccuracy));
        assertTrue(history.get("loss")[3] < history.get("loss")[0], "loss " + history.asMap());
        assertEquals("begin", events.get(0));
        assertEquals("epoch0[loss, accuracy, val_loss, val_accuracy]", events.get(1));
        assertEquals("end", events.get(events.size() - 1));
    }

    /**
     * DL4J 1.0.0-M2's SharedTrainingWrapper loses the batches of a second task in the same JVM when they arrive after
     * the first task's loop has ended, and that task then waits for ever; the trainer therefore hands the shared
     * master one partition per executor JVM (one in local mode), which every training stage must show.
     */
    @Test
    void sharedTrainingMasterLearnsWellAboveChanceWithOneTaskPerJvm() throws Exception {
        Sequential model = model(Optimizer.adam(0.01), 5);
        SparkTrainer trainer = SparkTrainer.builder(sc, model).mode(TrainingMode.SHARED_GRADIENTS).workers(2)
                .updatesThreshold(1e-2).trainMetrics(false).build();
        Map<String, Integer> tasksPerStage = new java.util.concurrent.ConcurrentHashMap<>();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onStageCompleted(org.apache.spark.scheduler.SparkListenerStageCompleted stage) {
                String details = stage.stageInfo().details();
                if (details.contains("SharedTrainingMaster")) {
                    tasksPerStage.put(stage.stageInfo().stageId() + " " + stage.stageInfo().name(),
                            stage.stageInfo().numTasks());
                }
            }
        };
        sc.sc().addSparkListener(listener);
        History history;
        try {
            history = trainer.fit(folder(Subset.TRAINING, true), 6, folder(Subset.VALIDATION, false));
        } finally {
            sc.sc().listenerBus().waitUntilEmpty();
            sc.sc().removeSparkListener(listener);
        }
        double[] valAccuracy = history.get("val_accuracy");
        assertEquals(List.of("val_loss", "val_accuracy"), history.keys());
        assertTrue(valAccuracy[5] >= 0.85, "val_accuracy " + java.util.Arrays.toString(valAccuracy));
        assertTrue(tasksPerStage.size() >= 6, "training stages seen: " + tasksPerStage);
        tasksPerStage.forEach((stage, tasks) -> assertEquals(1, tasks, "tasks of stage " + stage));
    }

    @Test
    void anyMultiLayerNetworkTrainsWithTheLossAndMetricsGiven() {
        Sequential donor = model(Optimizer.adam(0.01), 8);
        SparkTrainer trainer = SparkTrainer.builder(sc, donor.network(), donor.dataFormat(),
                Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).workers(2).averagingFrequency(3).build();
        History history = trainer.fit(folder(Subset.TRAINING, true), 2, folder(Subset.VALIDATION, false));
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        assertTrue(history.get("loss")[1] < history.get("loss")[0], history.toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(folder(Subset.TRAINING, true), 1, null,
                        FitOptions.builder().callbacks(new Callback() { }).build()));
        assertTrue(e.getMessage().contains("Sequential"), e.getMessage());
    }

    /**
     * One worker averaging after every batch is plain sequential training: the weights must equal those of
     * Sequential.fit on the same batches (DirectoryIterator with the same seed) to float rounding.
     */
    @Test
    void oneWorkerAveragingEveryStepEqualsSingleMachineFit() {
        Optimizer sgd = Optimizer.sgd(0.05);
        Sequential distributed = model(sgd, 9);
        Sequential single = model(sgd, 9);
        assertEquals(single.network().params(), distributed.network().params());
        SparkTrainer.builder(sc, distributed).workers(1).averagingFrequency(1).trainMetrics(false).build()
                .fit(folder(Subset.TRAINING, true), 2, null);
        try (DirectoryIterator train = io.github.convscope.augment.ImageDataGenerator.builder().rescale(1.0 / 255)
                .validationSplit(0.25).build().flowFromDirectory(tmp.resolve("tree")).targetSize(SIZE, SIZE)
                .batchSize(8).classMode(ClassMode.BINARY).subset(Subset.TRAINING).seed(4).build()) {
            single.fit(train, 2, null, FitOptions.builder().verbose(0).build());
        }
        INDArray expected = single.network().params();
        INDArray actual = distributed.network().params();
        double maxDiff = expected.sub(actual).amaxNumber().doubleValue();
        double moved = expected.sub(model(sgd, 9).network().params()).amaxNumber().doubleValue();
        assertTrue(moved > 1e-3, "training moved the weights by " + moved);
        assertTrue(maxDiff <= 1e-5, "largest weight difference " + maxDiff);
    }
}
