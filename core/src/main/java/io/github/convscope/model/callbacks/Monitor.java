package io.github.convscope.model.callbacks;

import io.github.convscope.model.Callback;
import io.github.convscope.model.TrainingContext;
import java.util.Map;

/** A monitored log key shared by the callbacks: direction, key checks with the available keys listed. */
final class Monitor {
    private final String owner;
    private final String key;
    private final boolean maximize;

    Monitor(String owner, String key, MonitorMode mode) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(owner + " monitor must not be empty");
        }
        if (mode == null) {
            throw new IllegalArgumentException(owner + " mode must not be null");
        }
        this.owner = owner;
        this.key = key;
        this.maximize = mode.maximizes(key);
    }

    String key() {
        return key;
    }

    boolean maximize() {
        return maximize;
    }

    /** Refuses at the start of training a key that the logs will not hold. */
    void check(TrainingContext context) {
        if (!context.logKeys().contains(key)) {
            throw unknown(context.logKeys());
        }
    }

    double value(Map<String, Double> logs) {
        Double v = logs.get(key);
        if (v == null) {
            throw unknown(logs.keySet());
        }
        return v;
    }

    private IllegalArgumentException unknown(java.util.Collection<String> available) {
        return new IllegalArgumentException(owner + " monitors '" + key + "', which is not logged; available keys: "
                + available + (key.startsWith("val_") && !available.contains("val_loss")
                        ? " (val_ keys need validation data in fit)" : ""));
    }

    /** The start value of "best": +inf when minimising, -inf when maximising. */
    double worst() {
        return maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Keras: improvement means beating best by more than minDelta in the monitored direction. */
    boolean improved(double current, double best, double minDelta) {
        return maximize ? current - minDelta > best : current + minDelta < best;
    }
}
