package io.github.convscope.model.callbacks;

import io.github.convscope.model.Callback;
import io.github.convscope.model.TrainingContext;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras {@code EarlyStopping}: stops training when the monitored value has not improved by more than
 * {@code minDelta} for {@code patience} epochs; optionally puts back the weights of the best epoch.
 *
 * <pre>{@code
 * model.fit(train, 50, validation, EarlyStopping.builder().monitor("val_loss").patience(3)
 *         .restoreBestWeights(true).build());
 * }</pre>
 */
public final class EarlyStopping implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyStopping.class);
    private final Monitor monitor;
    private final double minDelta;
    private final int patience;
    private final boolean restoreBestWeights;
    private double best;
    private int wait;
    private int stoppedEpoch = -1;
    private INDArray bestWeights;

    private EarlyStopping(Builder b) {
        this.monitor = new Monitor("EarlyStopping", b.monitor, b.mode);
        this.minDelta = Math.abs(b.minDelta);
        this.patience = b.patience;
        this.restoreBestWeights = b.restoreBestWeights;
    }

    /** A builder with Keras's defaults: monitor val_loss, minDelta 0, patience 0, mode auto. */
    public static Builder builder() {
        return new Builder();
    }

    /** The epoch (0-based) after which training was stopped, or -1 if it ran to the end. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        monitor.check(context);
        best = monitor.worst();
        wait = 0;
        stoppedEpoch = -1;
        bestWeights = null;
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
        double current = monitor.value(logs);
        if (monitor.improved(current, best, minDelta)) {
            best = current;
            wait = 0;
            if (restoreBestWeights) {
                bestWeights = context.model().network().params().dup();
            }
            return;
        }
        wait++;
        if (wait >= patience) {
            stoppedEpoch = epoch;
            context.stopTraining();
            LOG.info("Epoch {}: early stopping ({} has not improved for {} epochs, best {})", epoch + 1,
                    monitor.key(), wait, best);
            if (restoreBestWeights && bestWeights != null) {
                LOG.info("Restoring model weights from the end of the best epoch");
                context.model().network().setParams(bestWeights);
            }
        }
    }

    /** Builds {@link EarlyStopping}. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double minDelta;
        private int patience;
        private MonitorMode mode = MonitorMode.AUTO;
        private boolean restoreBestWeights;

        private Builder() {
        }

        /** The log key to watch (default {@code val_loss}). */
        public Builder monitor(String value) {
            this.monitor = value;
            return this;
        }

        /** The smallest change that counts as an improvement (default 0). */
        public Builder minDelta(double value) {
            this.minDelta = value;
            return this;
        }

        /** Epochs without improvement before stopping (default 0). */
        public Builder patience(int value) {
            this.patience = value;
            return this;
        }

        /** Direction (default inferred from the key). */
        public Builder mode(MonitorMode value) {
            this.mode = value;
            return this;
        }

        /** Whether to restore the weights of the best epoch when stopping (default false). */
        public Builder restoreBestWeights(boolean value) {
            this.restoreBestWeights = value;
            return this;
        }

        /** Validates and builds. */
        public EarlyStopping build() {
            if (patience < 0) {
                throw new IllegalArgumentException("patience must be >= 0, got " + patience);
            }
            if (!Double.isFinite(minDelta)) {
                throw new IllegalArgumentException("minDelta must be finite, got " + minDelta);
            }
            return new EarlyStopping(this);
        }
    }
}
