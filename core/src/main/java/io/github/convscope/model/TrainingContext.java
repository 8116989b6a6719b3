package io.github.convscope.model;

import java.util.List;

/**
 * What a {@link Callback} sees of a running {@code fit}: the model, the planned epochs and steps, the keys the logs
 * will hold, and the switch that stops training (Keras's {@code model.stop_training = True}).
 *
 * <pre>{@code
 * public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
 *     if (logs.get("accuracy") > 0.99) context.stopTraining();
 * }
 * }</pre>
 */
public final class TrainingContext {
    private final Sequential model;
    private final int epochs;
    private final List<String> logKeys;
    private volatile int steps;
    private volatile boolean stopRequested;

    TrainingContext(Sequential model, int epochs, int steps, List<String> logKeys) {
        this.model = model;
        this.epochs = epochs;
        this.steps = steps;
        this.logKeys = List.copyOf(logKeys);
    }

    /**
     * A context for a training loop outside {@link Sequential#fit} (distributed training, for one) that calls the
     * same callbacks: {@code steps} is the number of batches per epoch or -1, {@code logKeys} the epoch-end keys.
     */
    public static TrainingContext of(Sequential model, int epochs, int steps, List<String> logKeys) {
        if (model == null || logKeys == null) {
            throw new IllegalArgumentException("model and logKeys must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        return new TrainingContext(model, epochs, steps, logKeys);
    }

    /** The model being trained. */
    public Sequential model() {
        return model;
    }

    /** The number of epochs fit was asked for. */
    public int epochs() {
        return epochs;
    }

    /** Batches per epoch, or -1 while unknown (learned at the end of the first epoch). */
    public int steps() {
        return steps;
    }

    void steps(int value) {
        this.steps = value;
    }

    /** The epoch-end keys, in Keras order: loss, metrics, then val_loss and val_ metrics when validating. */
    public List<String> logKeys() {
        return logKeys;
    }

    /** Asks fit to stop after the current batch. */
    public void stopTraining() {
        stopRequested = true;
    }

    /** Whether a stop was requested. */
    public boolean isStopRequested() {
        return stopRequested;
    }
}
