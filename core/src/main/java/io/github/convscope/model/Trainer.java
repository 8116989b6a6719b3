package io.github.convscope.model;

import io.github.convscope.data.EpochSized;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The epoch loop behind {@link Sequential#fit}: Keras's training loop, logs and callbacks on a DL4J network. */
final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Sequential.class);

    private final Sequential model;
    private final ModelSpec spec;
    private final FitOptions options;
    private final int fitCall;

    Trainer(Sequential model, ModelSpec spec, FitOptions options, int fitCall) {
        this.model = model;
        this.spec = spec;
        this.options = options;
        this.fitCall = fitCall;
    }

    History fit(DataSetIterator train, int epochs, DataSetIterator validation) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (train == null) {
            throw new IllegalArgumentException("train iterator must not be null");
        }
        List<String> keys = logKeys(spec, validation != null);
        TrainingContext context = new TrainingContext(model, epochs, knownSteps(train), keys);
        List<Callback> callbacks = new ArrayList<>();
        if (options.verbose() > 0) {
            callbacks.add(new ProgressBar(options.out(), options.verbose(), options.terminal()));
        }
        callbacks.addAll(options.callbacks());
        MultiLayerNetwork network = model.network();
        // With a seed, dropout masks repeat from run to run: reseed the ND4J generator at the start of each fit
        Nd4j.getRandom().setSeed(spec.seed() + 7919L * fitCall);
        Collection<TrainingListener> previous = new ArrayList<>(network.getListeners());
        OutputCapture capture = new OutputCapture();
        List<TrainingListener> listeners = new ArrayList<>(previous);
        listeners.add(capture);
        network.setListeners(listeners);
        Map<String, List<Double>> history = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            callbacks.forEach(c -> c.onTrainBegin(context));
            boolean checked = false;
            for (int epoch = 0; epoch < epochs && !context.isStopRequested(); epoch++) {
                for (Callback c : callbacks) {
                    c.onEpochBegin(context, epoch);
                }
                if (epoch > 0 || !train.hasNext()) {
                    reset(train, "training");
                }
                long epochStart = System.nanoTime();
                double lossSum = 0;
                double[] metricSums = new double[spec.metrics().size()];
                long seen = 0;
                int batches = 0;
                // time spent waiting for the iterator's batches, outside the training steps
                long waited = 0;
                long waitStart = System.nanoTime();
                while (train.hasNext() && !context.isStopRequested()) {
                    DataSet ds = train.next();
                    waited += System.nanoTime() - waitStart;
                    if (!checked) {
                        model.checkBatch(ds.getFeatures());
                        LabelCheck.check(spec.loss(), spec.outputUnits(), ds.getLabels());
                        checked = true;
                    }
                    INDArray labels = ds.getLabels().castTo(DataType.FLOAT);
                    network.fit(new DataSet(model.toNetworkInput(ds.getFeatures()), labels));
                    INDArray predictions = capture.take();
                    if (predictions == null) {
                        throw new IllegalStateException("DL4J ran no forward pass for the training batch");
                    }
                    long n = predictions.size(0);
                    lossSum += spec.loss().sumOverBatch(labels, predictions);
                    for (int m = 0; m < metricSums.length; m++) {
                        metricSums[m] += spec.metrics().get(m).sumOverBatch(spec.loss(), labels, predictions);
                    }
                    seen += n;
                    Map<String, Double> batchLogs = means(lossSum, metricSums, seen);
                    for (Callback c : callbacks) {
                        c.onBatchEnd(context, batches, batchLogs);
                    }
                    batches++;
                    waitStart = System.nanoTime();
                }
                waited += System.nanoTime() - waitStart;
                long trainingNanos = System.nanoTime() - epochStart;
                if (batches == 0) {
                    throw new IllegalStateException("the training iterator gave no batches in epoch " + (epoch + 1));
                }
                context.steps(batches);
                Map<String, Double> logs = means(lossSum, metricSums, seen);
                if (validation != null) {
                    evaluate(model, spec, validation).forEach((k, v) -> logs.put("val_" + k, v));
                }
                network.incrementEpochCount();
                for (Callback c : callbacks) {
                    c.onEpochEnd(context, epoch, logs);
                }
                record(history, logs, epoch);
                LOG.info("Epoch {}/{} ({} s; {} s of {} s of training waited for batches, {}%): {}", epoch + 1, epochs,
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - epochStart) / 1e9),
                        String.format(Locale.ROOT, "%.2f", waited / 1e9),
                        String.format(Locale.ROOT, "%.1f", trainingNanos / 1e9),
                        String.format(Locale.ROOT, "%.1f", 100.0 * waited / Math.max(1, trainingNanos)), logs);
            }
            callbacks.forEach(c -> c.onTrainEnd(context));
        } finally {
            network.setListeners(previous);
        }
        return History.of(history, Duration.ofNanos(System.nanoTime() - start));
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

    private Map<String, Double> means(double lossSum, double[] metricSums, long seen) {
        Map<String, Double> logs = new LinkedHashMap<>();
        logs.put("loss", lossSum / seen);
        for (int m = 0; m < metricSums.length; m++) {
            logs.put(spec.metrics().get(m).kerasName(), metricSums[m] / seen);
        }
        return logs;
    }

    private static void record(Map<String, List<Double>> history, Map<String, Double> logs, int epoch) {
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            List<Double> values = history.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
            while (values.size() < epoch) {
                values.add(Double.NaN);
            }
            values.add(e.getValue());
        }
        for (List<Double> values : history.values()) {
            while (values.size() < epoch + 1) {
                values.add(Double.NaN);
            }
        }
    }

    static Map<String, Double> evaluate(Sequential model, ModelSpec spec, DataSetIterator data) {
        reset(data, "evaluation");
        double lossSum = 0;
        double[] metricSums = new double[spec.metrics().size()];
        long seen = 0;
        while (data.hasNext()) {
            DataSet ds = data.next();
            model.checkBatch(ds.getFeatures());
            LabelCheck.check(spec.loss(), spec.outputUnits(), ds.getLabels());
            INDArray predictions = model.predict(ds.getFeatures());
            INDArray labels = ds.getLabels();
            lossSum += spec.loss().sumOverBatch(labels, predictions);
            for (int m = 0; m < metricSums.length; m++) {
                metricSums[m] += spec.metrics().get(m).sumOverBatch(spec.loss(), labels, predictions);
            }
            seen += predictions.size(0);
        }
        if (seen == 0) {
            throw new IllegalStateException("the evaluation iterator gave no batches");
        }
        Map<String, Double> result = new LinkedHashMap<>();
        result.put("loss", lossSum / seen);
        for (int m = 0; m < metricSums.length; m++) {
            result.put(spec.metrics().get(m).kerasName(), metricSums[m] / seen);
        }
        return result;
    }

    private static void reset(DataSetIterator it, String what) {
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
}
