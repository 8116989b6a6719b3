package io.github.convscope.model;

import io.github.convscope.backend.NativeMemory;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.EpochSized;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link Sequential#fit}: Keras's training loop, logs and callbacks on a DL4J network. {@link #fit()}
 * delegates to {@link #epoch}, which delegates to {@link #trainBatch} and {@link #evaluate}.
 */
final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Sequential.class);

    private final Sequential model;
    private final ModelSpec spec;
    private final DataSetIterator train;
    private final DataSetIterator validation;
    private final long seed;
    private final TrainingContext context;
    private final List<Callback> callbacks = new ArrayList<>();
    private boolean firstBatchChecked;

    /** Checks the arguments before anything of the model, the iterators or the random state changes. */
    Trainer(Sequential model, ModelSpec spec, FitOptions options, int fitCall, DataSetIterator train, int epochs,
            DataSetIterator validation) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (train == null) {
            throw new IllegalArgumentException("train iterator must not be null");
        }
        this.model = model;
        this.spec = spec;
        this.train = train;
        this.validation = validation;
        // With a seed, dropout masks repeat from run to run: each fit call reseeds the ND4J generator
        this.seed = spec.seed() + 7919L * fitCall;
        this.context = new TrainingContext(model, epochs, knownSteps(train), logKeys(spec, validation != null));
        if (options.verbose() > 0) {
            callbacks.add(new ProgressBar(options.out(), options.verbose(), options.terminal()));
        }
        callbacks.addAll(options.callbacks());
    }

    /** The iterators some fit is reading now, with the thread reading each (identity, not equals). */
    private static final Map<DataSetIterator, Thread> IN_USE = new IdentityHashMap<>();

    /**
     * Runs the epochs until done or stopped; the network's listeners are restored however it ends. The iterators are
     * held for the run: another fit that is given one of them at the same time is refused.
     */
    History fit() {
        claim(train, "training");
        try {
            if (validation != null && validation != train) {
                claim(validation, "validation");
            }
            try {
                return fitClaimed();
            } finally {
                if (validation != null && validation != train) {
                    release(validation);
                }
            }
        } finally {
            release(train);
        }
    }

    // two fits that share an iterator reset each other's epochs; the second one is refused instead
    private static void claim(DataSetIterator it, String role) {
        synchronized (IN_USE) {
            Thread owner = IN_USE.get(it);
            if (owner != null) {
                throw new IllegalStateException("the " + role + " iterator is already in use by another fit (on "
                        + "thread " + owner.getName() + "); fits that run at the same time each need an iterator of "
                        + "their own (build a second one over the same data)");
            }
            IN_USE.put(it, Thread.currentThread());
        }
    }

    private static void release(DataSetIterator it) {
        synchronized (IN_USE) {
            IN_USE.remove(it);
        }
    }

    // fail before the first epoch, not after it: iterators without a batch (a closed one says so in reset)
    private void checkIteratorsHaveBatches() {
        reset(train, "training");
        if (!train.hasNext()) {
            throw new IllegalArgumentException("the training iterator gives no batches (" + describe(train)
                    + "); check its folder, classes and subset");
        }
        if (validation != null) {
            reset(validation, "validation");
            if (!validation.hasNext()) {
                throw new IllegalArgumentException("the validation iterator gives no batches (" + describe(validation)
                        + "); for a validation subset set validationSplit (e.g. 0.2) on it, or pass null for no "
                        + "validation");
            }
        }
    }

    private static String describe(DataSetIterator it) {
        return it instanceof EpochSized sized ? sized.batchesPerEpoch() + " batches per epoch"
                : it.getClass().getSimpleName();
    }

    private History fitClaimed() {
        checkIteratorsHaveBatches();
        Nd4j.getRandom().setSeed(seed);
        History.Recorder history = new History.Recorder();
        long start = System.nanoTime();
        try (OutputCapture capture = OutputCapture.attach(model.network())) {
            callbacks.forEach(c -> c.onTrainBegin(context));
            for (int epoch = 0; epoch < context.epochs() && !context.isStopRequested(); epoch++) {
                history.add(epoch, epoch(epoch, capture));
            }
            callbacks.forEach(c -> c.onTrainEnd(context));
        }
        return history.build(Duration.ofNanos(System.nanoTime() - start));
    }

    /** One epoch of training batches, then validation; returns the logs as the epoch-end callbacks left them. */
    private Map<String, Double> epoch(int epoch, OutputCapture capture) {
        callbacks.forEach(c -> c.onEpochBegin(context, epoch));
        // Keras fits a Sequence from its first batch in every epoch, even if batches were taken by hand
        reset(train, "training");
        long start = System.nanoTime();
        Means means = new Means(spec);
        int batches = 0;
        // time spent waiting for the iterator's batches, outside the training steps
        long waited = 0;
        long waitStart = System.nanoTime();
        while (train.hasNext() && !context.isStopRequested()) {
            DataSet next = train.next();
            waited += System.nanoTime() - waitStart;
            trainBatch(next, capture, means);
            release(train, next, model);
            Map<String, Double> batchLogs = means.logs();
            int batch = batches++;
            callbacks.forEach(c -> c.onBatchEnd(context, batch, batchLogs));
            waitStart = System.nanoTime();
        }
        waited += System.nanoTime() - waitStart;
        long training = System.nanoTime() - start;
        String wait = String.format(Locale.ROOT, "%.2f s of %.1f s of training waited for batches, %.1f%%",
                waited / 1e9, training / 1e9, 100.0 * waited / Math.max(1, training));
        if (waited > training / 20) {
            // worded unlike the epoch line: the progress display reports the epoch itself, once
            LOG.info("Training waited for batches in epoch {} ({}); the training iterator is the bottleneck",
                    epoch + 1, wait);
        }
        if (batches == 0) {
            throw new IllegalStateException("the training iterator gave no batches in epoch " + (epoch + 1));
        }
        context.steps(batches);
        Map<String, Double> logs = means.logs();
        if (validation != null) {
            evaluate(model, spec, validation).forEach((k, v) -> logs.put("val_" + k, v));
        }
        model.network().incrementEpochCount();
        callbacks.forEach(c -> c.onEpochEnd(context, epoch, logs));
        // DEBUG: the progress display on FitOptions.out already shows the epoch on the user's console, once
        LOG.debug("Epoch {}/{} ({} s; {}): {}", epoch + 1, context.epochs(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9), wait, logs);
        return logs;
    }

    /** One optimisation step; the loss and metrics come from the step's own forward pass, as in Keras. */
    private void trainBatch(DataSet batch, OutputCapture capture, Means means) {
        if (!firstBatchChecked) {
            check(model, spec, batch);
            firstBatchChecked = true;
        }
        INDArray labels = batch.getLabels().castTo(DataType.FLOAT);
        model.network().fit(new DataSet(model.toNetworkInput(batch.getFeatures()), labels));
        INDArray predictions = capture.take();
        if (predictions == null) {
            throw new IllegalStateException("DL4J ran no forward pass for the training batch");
        }
        means.add(labels, predictions);
    }

    /** Loss and metrics over all of {@code data} (keys without val_), Keras's {@code evaluate}. */
    static Map<String, Double> evaluate(Sequential model, ModelSpec spec, DataSetIterator data) {
        return evaluate(model, spec, data, (labels, predictions) -> { });
    }

    /** {@link #evaluate(Sequential, ModelSpec, DataSetIterator)}, also handing each batch's labels and outputs on. */
    static Map<String, Double> evaluate(Sequential model, ModelSpec spec, DataSetIterator data,
            BiConsumer<INDArray, INDArray> eachBatch) {
        reset(data, "evaluation");
        Means means = new Means(spec);
        while (data.hasNext()) {
            DataSet batch = data.next();
            check(model, spec, batch);
            INDArray predictions = model.predict(batch.getFeatures());
            means.add(batch.getLabels(), predictions);
            eachBatch.accept(batch.getLabels(), predictions);
            release(data, batch, model);
        }
        if (means.seen == 0) {
            throw new IllegalStateException("the evaluation iterator gave no batches");
        }
        return means.logs();
    }

    /**
     * Frees a batch's native memory as soon as the loop is done with it, when the batch came from a
     * {@link DirectoryIterator} without a pre-processor: its arrays are new for every {@code next()} and only this
     * loop holds them. Left to the garbage collector, which sees only their small Java objects, a 150x150 batch's
     * 35 MB each piled up until JavaCPP's memory limit forced a collection (the full lecture then peaked at 6.9 GB).
     */
    private static void release(DataSetIterator source, DataSet batch, Sequential model) {
        if (source instanceof DirectoryIterator directory && directory.getPreProcessor() == null) {
            // the network keeps its last input and labels; it must not keep freed ones
            model.network().setInput(null);
            model.network().setLabels(null);
            NativeMemory.free(batch.getFeatures());
            NativeMemory.free(batch.getLabels());
        }
    }

    /** Keras order: loss, metrics, then the same with val_ when validating. */
    static List<String> logKeys(ModelSpec spec, boolean validating) {
        List<String> keys = new ArrayList<>();
        keys.add("loss");
        spec.metrics().forEach(m -> keys.add(m.kerasName()));
        if (validating) {
            new ArrayList<>(keys).forEach(k -> keys.add("val_" + k));
        }
        return keys;
    }

    /** Refuses a batch whose shape does not fit the model or whose labels do not fit the loss. */
    private static void check(Sequential model, ModelSpec spec, DataSet batch) {
        model.checkBatch(batch.getFeatures());
        LabelCheck.check(spec.loss(), spec.outputUnits(), batch.getLabels());
    }

    static void reset(DataSetIterator it, String what) {
        if (it.resetSupported()) {
            it.reset();
        } else if (!it.hasNext()) {
            throw new IllegalStateException("the " + what + " iterator is exhausted and does not support reset()");
        }
    }

    /** Batches per epoch when the iterator tells ({@link EpochSized}); otherwise -1 until an epoch has counted them. */
    static int knownSteps(DataSetIterator it) {
        return it instanceof EpochSized sized ? sized.batchesPerEpoch() : -1;
    }

    /** Sample-weighted running sums of the loss and metrics; their means are the logs, in Keras's key order. */
    private static final class Means {
        private final Loss loss;
        private final List<Metric> metrics;
        private final double[] metricSums;
        private double lossSum;
        private long seen;

        Means(ModelSpec spec) {
            this.loss = spec.loss();
            this.metrics = spec.metrics();
            this.metricSums = new double[metrics.size()];
        }

        void add(INDArray labels, INDArray predictions) {
            lossSum += loss.sumOverBatch(labels, predictions);
            for (int m = 0; m < metricSums.length; m++) {
                metricSums[m] += metrics.get(m).sumOverBatch(loss, labels, predictions);
            }
            seen += predictions.size(0);
        }

        /** A new, modifiable map: loss, then each metric, as means over the samples seen. */
        Map<String, Double> logs() {
            Map<String, Double> logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            for (int m = 0; m < metricSums.length; m++) {
                logs.put(metrics.get(m).kerasName(), metricSums[m] / seen);
            }
            return logs;
        }
    }
}
