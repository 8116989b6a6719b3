package io.github.convscope.spark;

import io.github.convscope.model.FitOptions;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Sequential;
import io.github.convscope.model.TrainingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.repartitioner.NoOpRepartitioner;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code model.fit} on Apache Spark: DL4J's distributed training (see {@link TrainingMode}) of a {@link Sequential}
 * from {@link SparkImageFolder} batches, returning the same {@link History} and calling the same callbacks.
 *
 * <pre>{@code
 * SparkTrainer trainer = SparkTrainer.builder(sc, model).mode(TrainingMode.PARAMETER_AVERAGING).workers(4)
 *         .averagingFrequency(5).build();
 * History history = trainer.fit(train, 15, validation, FitOptions.builder().callbacks(csvLogger).build());
 * }</pre>
 *
 * <p>After each epoch the driver computes the History's values on the executors with the epoch's final weights:
 * {@code loss} and the compiled metrics over the epoch's training batches (the same images and augmentation the
 * epoch trained on; Keras instead averages the running values during the epoch), and {@code val_} ones over the
 * validation batches. {@code trainMetrics(false)} skips the training pass and records only validation values.
 * Callbacks get {@code onTrainBegin}, {@code onEpochBegin}, {@code onEpochEnd} (with these logs) and
 * {@code onTrainEnd} on the driver, and a stop request ends training after the epoch; {@code onBatchEnd} is not
 * called, since the batches run on the executors. The trained weights are in {@code model.network()} after every
 * epoch, so {@code ModelCheckpoint}, {@code EarlyStopping} and {@code CsvLogger} work as in {@code fit}.
 *
 * <p>Any DL4J {@link MultiLayerNetwork} trains the same way through
 * {@link #builder(JavaSparkContext, MultiLayerNetwork, CNN2DFormat, Loss, Metric...)}, with the loss and metrics
 * the History should report; ConvScope's callbacks need a {@link Sequential} and are refused there.
 */
public final class SparkTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainer.class);

    private final JavaSparkContext sc;
    private final Sequential model;
    private final MultiLayerNetwork network;
    private final CNN2DFormat format;
    private final Loss loss;
    private final List<Metric> metrics;
    private final long seed;
    private final TrainingMode mode;
    private final int workers;
    private final int averagingFrequency;
    private final boolean trainMetrics;
    private final TrainingMaster<?, ?> customMaster;
    private final VoidConfiguration voidConfiguration;
    private final double updatesThreshold;
    private SparkDl4jMultiLayer sparkNetwork;

    private SparkTrainer(Builder b) {
        this.sc = b.sc;
        this.model = b.model;
        this.network = b.network;
        this.format = b.format;
        this.loss = b.loss;
        this.metrics = b.metrics;
        this.seed = b.model != null ? b.model.seed() : b.network.getLayerWiseConfigurations().getConf(0).getSeed();
        this.mode = b.mode;
        this.workers = b.workers > 0 ? b.workers : sc.defaultParallelism();
        this.averagingFrequency = b.averagingFrequency;
        this.trainMetrics = b.trainMetrics;
        this.customMaster = b.trainingMaster;
        this.voidConfiguration = b.voidConfiguration;
        this.updatesThreshold = b.updatesThreshold;
    }

    /** A builder for training {@code model} (compiled) on the cluster of {@code sc}. */
    public static Builder builder(JavaSparkContext sc, Sequential model) {
        if (model == null) {
            throw new IllegalArgumentException("model must not be null");
        }
        return new Builder(sc, model, model.network(), model.dataFormat(), model.loss(), model.metrics());
    }

    /**
     * A builder for training any DL4J {@code network} whose image input has layout {@code inputFormat} (the NHWC
     * batches are converted to it); {@code loss} and {@code metrics} are what the History reports, computed from the
     * network's outputs (probabilities for the cross-entropies).
     */
    public static Builder builder(JavaSparkContext sc, MultiLayerNetwork network, CNN2DFormat inputFormat, Loss loss,
            Metric... metrics) {
        if (network == null || inputFormat == null || loss == null) {
            throw new IllegalArgumentException("network, inputFormat and loss must not be null");
        }
        return new Builder(sc, null, network, inputFormat, loss, List.of(metrics));
    }

    /** Trains for {@code epochs}, validating after each on {@code validation} (may be null), silently. */
    public History fit(SparkImageFolder train, int epochs, SparkImageFolder validation) {
        return fit(train, epochs, validation, FitOptions.builder().verbose(0).build());
    }

    /**
     * Trains for {@code epochs}, validating after each on {@code validation} (may be null); {@code options} gives
     * the callbacks and, with verbose 1 or 2, prints one Keras line per epoch.
     */
    public History fit(SparkImageFolder train, int epochs, SparkImageFolder validation, FitOptions options) {
        if (train == null) {
            throw new IllegalArgumentException("train must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (loss == null) {
            throw new IllegalStateException("the model is not compiled: call compile(optimizer, loss, metrics...) "
                    + "on the builder before fit");
        }
        if (model == null && !options.callbacks().isEmpty()) {
            throw new IllegalArgumentException("callbacks need a Sequential model; this trainer was built for a "
                    + "MultiLayerNetwork");
        }
        int[] shape = model == null ? train.imageShape() : model.inputShape();
        if (!java.util.Arrays.equals(shape, train.imageShape())) {
            throw new IllegalArgumentException("the images are " + java.util.Arrays.toString(train.imageShape())
                    + " but the model's input shape is " + java.util.Arrays.toString(shape)
                    + "; set targetSize and colorMode of the SparkImageFolder to match");
        }
        List<String> keys = new ArrayList<>();
        if (trainMetrics) {
            keys.add("loss");
            metrics.forEach(m -> keys.add(m.kerasName()));
        }
        if (validation != null) {
            keys.add("val_loss");
            metrics.forEach(m -> keys.add("val_" + m.kerasName()));
        }
        TrainingContext context = model == null ? null
                : TrainingContext.of(model, epochs, train.batchesPerEpoch(), keys);
        sparkNetwork = new SparkDl4jMultiLayer(sc, network, master(train));
        NetworkBatches toNetwork = new NetworkBatches(format);
        EpochLoop loop = new EpochLoop(context, epochs, options, LOG);
        for (int epoch = 0; loop.runs(epoch); epoch++) {
            loop.begin(epoch);
            trainEpoch(train, epoch, toNetwork);
            copyBack(network);
            train.skippedFiles();
            Map<String, Double> logs = new LinkedHashMap<>();
            if (trainMetrics) {
                logs.putAll(DistributedEvaluation.evaluate(sc, network, loss, metrics,
                        train.batches(epoch).map(toNetwork)));
            }
            if (validation != null) {
                DistributedEvaluation.evaluate(sc, network, loss, metrics,
                        validation.batches(0).map(toNetwork)).forEach((k, v) -> logs.put("val_" + k, v));
                validation.skippedFiles();
            }
            network.incrementEpochCount();
            loop.end(epoch, logs);
        }
        return loop.finish();
    }

    /** DL4J's Spark network of the last {@code fit} (null before the first), for its training statistics. */
    public SparkDl4jMultiLayer sparkNetwork() {
        return sparkNetwork;
    }

    /** The training mode. */
    public TrainingMode mode() {
        return mode;
    }

    /** Workers that train in parallel (Spark tasks at a time). */
    public int workers() {
        return workers;
    }

    private void trainEpoch(SparkImageFolder train, int epoch, NetworkBatches toNetwork) {
        if (customMaster != null) {
            JavaRDD<DataSet> batches = train.batches(epoch).map(toNetwork);
            sparkNetwork.fit(batches);
            batches.unpersist(false);
            return;
        }
        if (mode == TrainingMode.SHARED_GRADIENTS) {
            // One partition per executor JVM, in Keras's batch order: DL4J's SharedTrainingWrapper lets the first task
            // of a JVM train and makes the JVM's other tasks wait until the first has consumed their batches, but it
            // drops a task's batches that arrive after the first task's loop has ended, and that task then waits for
            // ever (DL4J 1.0.0-M2). With one task per JVM there is no second task to lose.
            JavaRDD<DataSet> batches = train.batches(epoch).coalesce(executors(), false).map(toNetwork);
            sparkNetwork.fit(batches);
            batches.unpersist(false);
            return;
        }
        // Parameter averaging: one DL4J split per group of workers * averagingFrequency batches, handed over in
        // Keras's order with one partition per worker, so the result does not depend on DL4J's random split
        int group = workers * averagingFrequency;
        int total = train.batchesPerEpoch();
        for (int first = 0; first < total; first += group) {
            int count = Math.min(group, total - first);
            int partitions = (count + averagingFrequency - 1) / averagingFrequency;
            JavaRDD<DataSet> batches = train.batches(epoch, first, count, partitions).map(toNetwork);
            sparkNetwork.fit(batches);
            batches.unpersist(false);
        }
    }

    // SharedTrainingMaster may hand back a new network object; the model must hold the trained weights
    private void copyBack(MultiLayerNetwork network) {
        MultiLayerNetwork trained = sparkNetwork.getNetwork();
        if (trained != network) {
            network.setParams(trained.params());
            INDArray state = trained.getUpdater() == null ? null : trained.getUpdater().getStateViewArray();
            if (state != null && network.getUpdater().getStateViewArray() != null) {
                network.getUpdater().getStateViewArray().assign(state);
            }
        }
    }

    private TrainingMaster<?, ?> master(SparkImageFolder train) {
        if (customMaster != null) {
            return customMaster;
        }
        int batch = train.batchSize();
        if (mode == TrainingMode.PARAMETER_AVERAGING) {
            return new ParameterAveragingTrainingMaster.Builder(workers, batch).batchSizePerWorker(batch)
                    .averagingFrequency(averagingFrequency).workerPrefetchNumBatches(0)
                    .rddTrainingApproach(RDDTrainingApproach.Direct).repartionData(Repartition.Never)
                    .saveUpdater(true).rngSeed(seed).build();
        }
        VoidConfiguration voidConf = voidConfiguration != null ? voidConfiguration
                : VoidConfiguration.builder().unicastPort(40123)
                        .controllerAddress(sc.getConf().get("spark.driver.host", "127.0.0.1")).build();
        // One model copy per executor: with more, DL4J's SharedTrainingWrapper runs a ParallelWrapper whose loop over
        // the attached iterators never ends once they are consumed (the task, and the job, then never finish)
        return new SharedTrainingMaster.Builder(voidConf, batch).batchSizePerWorker(batch)
                .workersPerNode(1).repartitioner(new NoOpRepartitioner())
                .rddTrainingApproach(RDDTrainingApproach.Direct).workerPrefetchNumBatches(0)
                .updatesThreshold(updatesThreshold).rngSeed(seed).build();
    }

    /** Executor JVMs: 1 in local mode, else those registered with the driver (the driver excluded). */
    private int executors() {
        return sc.isLocal() ? 1 : Math.max(1, sc.sc().getExecutorMemoryStatus().size() - 1);
    }

    /** Builds a {@link SparkTrainer}; checked at {@link #build()}. */
    public static final class Builder {
        private final JavaSparkContext sc;
        private final Sequential model;
        private final MultiLayerNetwork network;
        private final CNN2DFormat format;
        private final Loss loss;
        private final List<Metric> metrics;
        private TrainingMode mode = TrainingMode.PARAMETER_AVERAGING;
        private int workers;
        private int averagingFrequency = 5;
        private boolean trainMetrics = true;
        private TrainingMaster<?, ?> trainingMaster;
        private VoidConfiguration voidConfiguration;
        private double updatesThreshold = 1e-3;

        private Builder(JavaSparkContext sc, Sequential model, MultiLayerNetwork network, CNN2DFormat format,
                Loss loss, List<Metric> metrics) {
            this.sc = sc;
            this.model = model;
            this.network = network;
            this.format = format;
            this.loss = loss;
            this.metrics = List.copyOf(metrics);
        }

        /** Parameter averaging (default) or shared gradients. */
        public Builder mode(TrainingMode value) {
            this.mode = value;
            return this;
        }

        /**
         * Parameter averaging: workers training at once (one Spark task each); default Spark's default parallelism.
         * Shared gradients always train one model copy in one task per executor JVM (see {@link TrainingMode}).
         */
        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        /** Parameter averaging: batches each worker fits between two averagings; default 5. */
        public Builder averagingFrequency(int value) {
            this.averagingFrequency = value;
            return this;
        }

        /** Whether to compute loss and metrics over the training batches after each epoch; default true. */
        public Builder trainMetrics(boolean value) {
            this.trainMetrics = value;
            return this;
        }

        /**
         * Shared gradients: DL4J's transport settings (controller address, port, network mask); default the driver's
         * {@code spark.driver.host} and UDP port 40123.
         */
        public Builder voidConfiguration(VoidConfiguration value) {
            this.voidConfiguration = value;
            return this;
        }

        /**
         * Shared gradients: the initial threshold of DL4J's adaptive threshold encoding; default 1e-3. Each shared
         * update moves a parameter by about this much, so small models with few steps learn faster with a larger one.
         */
        public Builder updatesThreshold(double value) {
            this.updatesThreshold = value;
            return this;
        }

        /** A DL4J training master configured by hand; overrides {@link #mode} and the settings above. */
        public Builder trainingMaster(TrainingMaster<?, ?> value) {
            this.trainingMaster = value;
            return this;
        }

        /** Validates and builds. */
        public SparkTrainer build() {
            if (sc == null) {
                throw new IllegalArgumentException("sc (the JavaSparkContext) must not be null");
            }
            if (mode == null) {
                throw new IllegalArgumentException("mode must be PARAMETER_AVERAGING or SHARED_GRADIENTS");
            }
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be >= 1 (0 for Spark's default parallelism), got "
                        + workers);
            }
            if (averagingFrequency < 1) {
                throw new IllegalArgumentException("averagingFrequency must be >= 1, got " + averagingFrequency);
            }
            if (!(updatesThreshold > 0)) {
                throw new IllegalArgumentException("updatesThreshold must be > 0, got " + updatesThreshold);
            }
            return new SparkTrainer(this);
        }
    }
}
