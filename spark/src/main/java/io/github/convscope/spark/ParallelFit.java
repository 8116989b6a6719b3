package io.github.convscope.spark;

import io.github.convscope.model.FitOptions;
import io.github.convscope.model.History;
import io.github.convscope.model.Sequential;
import io.github.convscope.model.TrainingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code model.fit} on several devices of one machine (GPUs with the CUDA backend, or CPU sockets): DL4J's
 * {@link ParallelWrapper} in averaging mode. Needs no Spark at run time.
 *
 * <pre>{@code
 * try (ParallelFit parallel = ParallelFit.builder(model).workers(2).averagingFrequency(3).build()) {
 *     History history = parallel.fit(train, 15, validation, FitOptions.builder().verbose(2).build());
 * }
 * }</pre>
 *
 * <p>Each worker holds a copy of the network and fits its own batches from the iterator; every
 * {@code averagingFrequency} batches the copies' parameters and updater states are averaged into
 * {@code model.network()}. (DL4J's shared-gradients mode is not offered: a second {@code fit} of the same wrapper
 * deadlocked in DL4J 1.0.0-M2.1.) After each epoch the History gets {@code loss} and the metrics from
 * {@code model.evaluate(train)} with the epoch's final weights (an extra inference pass over the iterator, which for a
 * seeded {@code DirectoryIterator} also advances its epoch stream; {@code trainMetrics(false)} skips it), and the
 * {@code val_} values from {@code model.evaluate(validation)}. Callbacks get the epoch events on this thread;
 * {@code onBatchEnd} is not called, since batches run on the workers.
 */
public final class ParallelFit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelFit.class);

    private final Sequential model;
    private final boolean trainMetrics;
    private final ParallelWrapper wrapper;

    private ParallelFit(Builder b) {
        this.model = b.model;
        this.trainMetrics = b.trainMetrics;
        this.wrapper = new ParallelWrapper.Builder<>(model.network()).workers(b.workers)
                .averagingFrequency(b.averagingFrequency).prefetchBuffer(b.prefetchBuffer).averageUpdaters(true)
                .reportScoreAfterAveraging(true).trainingMode(ParallelWrapper.TrainingMode.AVERAGING).build();
    }

    /** A builder for training {@code model} (compiled) on several devices. */
    public static Builder builder(Sequential model) {
        return new Builder(model);
    }

    /** DL4J's wrapper, one call away. */
    public ParallelWrapper wrapper() {
        return wrapper;
    }

    /**
     * Trains for {@code epochs} on NHWC batches from {@code train} (a {@code DirectoryIterator}, for one),
     * validating after each epoch on {@code validation} (may be null).
     */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation, FitOptions options) {
        if (train == null) {
            throw new IllegalArgumentException("train iterator must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (model.loss() == null) {
            throw new IllegalStateException("the model is not compiled: call compile(optimizer, loss, metrics...) "
                    + "on the builder before fit");
        }
        List<String> keys = new ArrayList<>();
        if (trainMetrics) {
            keys.add("loss");
            model.metrics().forEach(m -> keys.add(m.kerasName()));
        }
        if (validation != null) {
            keys.add("val_loss");
            model.metrics().forEach(m -> keys.add("val_" + m.kerasName()));
        }
        TrainingContext context = TrainingContext.of(model, epochs, -1, keys);
        DataSetIterator networkTrain = model.toNetworkInput(train);
        EpochLoop loop = new EpochLoop(context, epochs, options, LOG);
        for (int epoch = 0; loop.runs(epoch); epoch++) {
            loop.begin(epoch);
            if (epoch > 0 || !train.hasNext()) {
                train.reset();
            }
            wrapper.fit(networkTrain);
            Map<String, Double> logs = new LinkedHashMap<>();
            if (trainMetrics) {
                logs.putAll(model.evaluate(train));
            }
            if (validation != null) {
                model.evaluate(validation).forEach((k, v) -> logs.put("val_" + k, v));
            }
            model.network().incrementEpochCount();
            loop.end(epoch, logs);
        }
        return loop.finish();
    }

    /** Stops the workers. */
    @Override
    public void close() {
        wrapper.shutdown();
    }

    /** Builds a {@link ParallelFit}; checked at {@link #build()}. */
    public static final class Builder {
        private final Sequential model;
        private int workers = 2;
        private int averagingFrequency = 3;
        private int prefetchBuffer = 2;
        private boolean trainMetrics = true;

        private Builder(Sequential model) {
            this.model = model;
        }

        /** Model copies training at once, one per device; default 2. */
        public Builder workers(int value) {
            this.workers = value;
            return this;
        }

        /** Batches each worker fits between two averagings; default 3. */
        public Builder averagingFrequency(int value) {
            this.averagingFrequency = value;
            return this;
        }

        /** Batches loaded ahead per worker; default 2. */
        public Builder prefetchBuffer(int value) {
            this.prefetchBuffer = value;
            return this;
        }

        /** Whether to evaluate loss and metrics on the training iterator after each epoch; default true. */
        public Builder trainMetrics(boolean value) {
            this.trainMetrics = value;
            return this;
        }

        /** Validates and starts the wrapper. */
        public ParallelFit build() {
            if (model == null) {
                throw new IllegalArgumentException("model must not be null");
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + workers);
            }
            if (averagingFrequency < 1) {
                throw new IllegalArgumentException("averagingFrequency must be >= 1, got " + averagingFrequency);
            }
            if (prefetchBuffer < 1) {
                throw new IllegalArgumentException("prefetchBuffer must be >= 1, got " + prefetchBuffer);
            }
            return new ParallelFit(this);
        }
    }
}
