package io.github.convscope.model;

import java.util.Map;

/**
 * Hooks into {@link Sequential#fit}, as Keras's {@code keras.callbacks.Callback}. Epochs and batches count from 0;
 * {@code logs} maps Keras keys ({@code loss}, {@code accuracy}, {@code val_loss}, ...) to values, and callbacks may
 * add keys at epoch end (they then appear in the {@link History}).
 *
 * <pre>{@code
 * model.fit(train, 30, validation, EarlyStopping.builder().monitor("val_loss").patience(3).build());
 * }</pre>
 */
public interface Callback {

    /** Called once before the first epoch. */
    default void onTrainBegin(TrainingContext context) {
    }

    /** Called at the start of each epoch. */
    default void onEpochBegin(TrainingContext context, int epoch) {
    }

    /** Called after each training batch with the running epoch means of the loss and metrics. */
    default void onBatchEnd(TrainingContext context, int batch, Map<String, Double> logs) {
    }

    /** Called after each epoch, with training and validation values; the map may be extended. */
    default void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
    }

    /** Called once after the last epoch, also when training stopped early. */
    default void onTrainEnd(TrainingContext context) {
    }
}
