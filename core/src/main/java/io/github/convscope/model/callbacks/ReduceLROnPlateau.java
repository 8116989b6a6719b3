package io.github.convscope.model.callbacks;

import io.github.convscope.model.Callback;
import io.github.convscope.model.TrainingContext;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras {@code ReduceLROnPlateau}: multiplies the learning rate by {@code factor} when the monitored value has not
 * improved by more than {@code minDelta} for {@code patience} epochs, never below {@code minLr}; adds {@code lr} to
 * the epoch logs (and so to the history).
 *
 * <pre>{@code
 * ReduceLROnPlateau.builder().monitor("val_loss").factor(0.2).patience(2).minLr(1e-5).build()
 * }</pre>
 */
public final class ReduceLROnPlateau implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ReduceLROnPlateau.class);
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final double minDelta;
    private final int cooldown;
    private final double minLr;
    private double best;
    private int wait;
    private int cooldownCounter;

    private ReduceLROnPlateau(Builder b) {
        this.monitor = new Monitor("ReduceLROnPlateau", b.monitor, b.mode);
        this.factor = b.factor;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.cooldown = b.cooldown;
        this.minLr = b.minLr;
    }

    /** A builder with Keras's defaults: val_loss, factor 0.1, patience 10, minDelta 1e-4, cooldown 0, minLr 0. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        monitor.check(context);
        best = monitor.worst();
        wait = 0;
        cooldownCounter = 0;
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
        MultiLayerNetwork network = context.model().network();
        double lr = learningRate(network);
        logs.put("lr", lr);
        double current = monitor.value(logs);
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (monitor.improved(current, best, minDelta)) {
            best = current;
            wait = 0;
        } else if (cooldownCounter == 0) {
            wait++;
            if (wait >= patience && lr > minLr) {
                double newLr = Math.max(lr * factor, minLr);
                network.setLearningRate(newLr);
                LOG.info("Epoch {}: ReduceLROnPlateau reducing learning rate to {}", epoch + 1, newLr);
                cooldownCounter = cooldown;
                wait = 0;
            }
        }
    }

    /** The learning rate of the first layer that has one. */
    static double learningRate(MultiLayerNetwork network) {
        for (int i = 0; i < network.getnLayers(); i++) {
            Double lr = network.getLearningRate(i);
            if (lr != null) {
                return lr;
            }
        }
        throw new IllegalStateException("the network has no layer with a learning rate");
    }

    /** Builds {@link ReduceLROnPlateau}. */
    public static final class Builder {
        private String monitor = "val_loss";
        private double factor = 0.1;
        private int patience = 10;
        private double minDelta = 1e-4;
        private int cooldown;
        private double minLr;
        private MonitorMode mode = MonitorMode.AUTO;

        private Builder() {
        }

        /** The log key to watch (default {@code val_loss}). */
        public Builder monitor(String value) {
            this.monitor = value;
            return this;
        }

        /** The factor applied to the learning rate, in (0, 1) (default 0.1). */
        public Builder factor(double value) {
            this.factor = value;
            return this;
        }

        /** Epochs without improvement before reducing (default 10). */
        public Builder patience(int value) {
            this.patience = value;
            return this;
        }

        /** The smallest change that counts as an improvement (default 1e-4). */
        public Builder minDelta(double value) {
            this.minDelta = value;
            return this;
        }

        /** Epochs to wait after a reduction before counting again (default 0). */
        public Builder cooldown(int value) {
            this.cooldown = value;
            return this;
        }

        /** The lower bound of the learning rate (default 0). */
        public Builder minLr(double value) {
            this.minLr = value;
            return this;
        }

        /** Direction (default inferred from the key). */
        public Builder mode(MonitorMode value) {
            this.mode = value;
            return this;
        }

        /** Validates and builds. */
        public ReduceLROnPlateau build() {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
            }
            if (patience < 0 || cooldown < 0) {
                throw new IllegalArgumentException("patience and cooldown must be >= 0, got " + patience + ", "
                        + cooldown);
            }
            if (!(minLr >= 0) || !(minDelta >= 0)) {
                throw new IllegalArgumentException("minLr and minDelta must be >= 0, got " + minLr + ", " + minDelta);
            }
            return new ReduceLROnPlateau(this);
        }
    }
}
