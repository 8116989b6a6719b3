package io.github.convscope.spark;

import io.github.convscope.model.Callback;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.History;
import io.github.convscope.model.TrainingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The epoch bookkeeping {@link SparkTrainer} and {@link ParallelFit} share around their own training step: the
 * callbacks, the History, the log line and the Keras-style console line. The context is null when no
 * {@code Sequential} trains (then there are no callbacks).
 */
final class EpochLoop {
    private final TrainingContext context;
    private final int epochs;
    private final FitOptions options;
    private final Logger log;
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final long start = System.nanoTime();
    private long epochStart;

    EpochLoop(TrainingContext context, int epochs, FitOptions options, Logger log) {
        this.context = context;
        this.epochs = epochs;
        this.options = options;
        this.log = log;
        options.callbacks().forEach(c -> c.onTrainBegin(context));
    }

    /** Whether epoch {@code epoch} runs: within the epochs asked for and no callback asked to stop. */
    boolean runs(int epoch) {
        return epoch < epochs && (context == null || !context.isStopRequested());
    }

    /** Calls the callbacks' epoch start and starts the epoch's clock. */
    void begin(int epoch) {
        for (Callback c : options.callbacks()) {
            c.onEpochBegin(context, epoch);
        }
        epochStart = System.nanoTime();
    }

    /** Hands the epoch's logs to the callbacks, then records, logs and prints them. */
    void end(int epoch, Map<String, Double> logs) {
        for (Callback c : options.callbacks()) {
            c.onEpochEnd(context, epoch, logs);
        }
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
        }
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        log.info("Epoch {}/{} ({} s): {}", epoch + 1, epochs, String.format(Locale.ROOT, "%.1f", seconds), logs);
        if (options.verbose() > 0) {
            StringBuilder line = new StringBuilder("Epoch " + (epoch + 1) + "/" + epochs + " - "
                    + String.format(Locale.ROOT, "%.0fs", seconds));
            logs.forEach((k, v) -> line.append(" - ").append(k).append(": ")
                    .append(String.format(Locale.ROOT, "%.4f", v)));
            options.out().println(line);
        }
    }

    /** Calls the callbacks' training end and returns the History. */
    History finish() {
        options.callbacks().forEach(c -> c.onTrainEnd(context));
        return History.of(history, Duration.ofNanos(System.nanoTime() - start));
    }
}
