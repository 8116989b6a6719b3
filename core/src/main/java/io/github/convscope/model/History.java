package io.github.convscope.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} records per epoch, as Keras's {@code History.history}: one list of values per key
 * ({@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}, ...), in the order the keys appeared.
 *
 * <pre>{@code
 * History history = model.fit(train, 15, validation);
 * double[] valAccuracy = history.get("val_accuracy");
 * }</pre>
 */
public final class History {
    private final Map<String, List<Double>> metrics;
    private final Duration wallTime;

    private History(Map<String, List<Double>> metrics, Duration wallTime) {
        this.metrics = metrics;
        this.wallTime = wallTime;
    }

    /** A history from per-key values (copied); every key must have the same number of epochs. */
    public static History of(Map<String, List<Double>> metrics, Duration wallTime) {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        int epochs = -1;
        for (Map.Entry<String, List<Double>> e : metrics.entrySet()) {
            if (epochs >= 0 && e.getValue().size() != epochs) {
                throw new IllegalArgumentException("every key needs the same number of epochs: '" + e.getKey()
                        + "' has " + e.getValue().size() + ", expected " + epochs);
            }
            epochs = e.getValue().size();
            copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(e.getValue())));
        }
        return new History(Collections.unmodifiableMap(copy), wallTime);
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return metrics.isEmpty() ? 0 : metrics.values().iterator().next().size();
    }

    /** The keys, in the order Keras would list them. */
    public List<String> keys() {
        return List.copyOf(metrics.keySet());
    }

    /** Whether {@code key} was recorded. */
    public boolean has(String key) {
        return metrics.containsKey(key);
    }

    /** The per-epoch values of {@code key}; an unknown key is an error that lists the recorded ones. */
    public double[] get(String key) {
        List<Double> values = metrics.get(key);
        if (values == null) {
            throw new IllegalArgumentException("no metric '" + key + "' in this history; available: " + keys());
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** All values, unmodifiable, as {@code history.history} in Keras. */
    public Map<String, List<Double>> asMap() {
        return metrics;
    }

    /** Wall-clock time of the whole fit. */
    public Duration wallTime() {
        return wallTime;
    }

    @Override
    public String toString() {
        return "History" + metrics;
    }

    /** Collects the epoch logs of a fit; a key that first appears late (a callback's) gets NaN for earlier epochs. */
    static final class Recorder {
        private final Map<String, List<Double>> values = new LinkedHashMap<>();

        void add(int epoch, Map<String, Double> logs) {
            for (Map.Entry<String, Double> e : logs.entrySet()) {
                List<Double> list = values.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                pad(list, epoch);
                list.add(e.getValue());
            }
            values.values().forEach(list -> pad(list, epoch + 1));
        }

        private static void pad(List<Double> list, int size) {
            while (list.size() < size) {
                list.add(Double.NaN);
            }
        }

        History build(Duration wallTime) {
            return of(values, wallTime);
        }
    }
}
