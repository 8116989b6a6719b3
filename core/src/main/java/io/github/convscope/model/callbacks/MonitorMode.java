package io.github.convscope.model.callbacks;

import io.github.convscope.model.Callback;
import io.github.convscope.model.TrainingContext;

/**
 * Whether a monitored value should go down or up; {@link #AUTO} infers it as Keras does (a key containing
 * {@code acc} is maximised, anything else minimised).
 *
 * <pre>{@code
 * EarlyStopping.builder().monitor("val_accuracy").mode(MonitorMode.MAX).build();
 * }</pre>
 */
public enum MonitorMode {
    /** Keras 'auto': maximise keys containing "acc", minimise the others. */
    AUTO,
    /** Lower is better. */
    MIN,
    /** Higher is better. */
    MAX;

    /** Whether {@code key} is to be maximised under this mode. */
    public boolean maximizes(String key) {
        return this == MAX || (this == AUTO && key.contains("acc"));
    }
}
