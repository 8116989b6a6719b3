package io.github.convscope.model;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * DL4J updater configuration for Keras's SGD with classic (not Nesterov) momentum, which DL4J lacks:
 * {@code v = momentum * v - lr * g; w = w + v}. {@link Optimizer#sgd(double, double)} uses it.
 *
 * <pre>{@code
 * IUpdater updater = new KerasMomentum(0.01, 0.9);
 * }</pre>
 */
public final class KerasMomentum implements IUpdater {
    private static final long serialVersionUID = 1L;
    private double learningRate;
    private double momentum;

    /** An updater with learning rate 0.01 and momentum 0 (Keras's SGD defaults); for deserialization. */
    public KerasMomentum() {
        this(0.01, 0.0);
    }

    /** An updater with the given learning rate and momentum in [0, 1). */
    public KerasMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    /** The learning rate. */
    public double getLearningRate() {
        return learningRate;
    }

    /** Sets the learning rate (DL4J and ReduceLROnPlateau change it between epochs). */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** The momentum. */
    public double getMomentum() {
        return momentum;
    }

    /** Sets the momentum. */
    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        u.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public KerasMomentum clone() {
        return new KerasMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("KerasMomentum has no learning-rate schedule");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KerasMomentum k && k.learningRate == learningRate && k.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "KerasMomentum(learningRate=" + learningRate + ", momentum=" + momentum + ")";
    }

    /** The per-parameter velocity state; DL4J subtracts the returned update from the parameters. */
    private static final class Updater implements GradientUpdater<KerasMomentum> {
        private final KerasMomentum config;
        private INDArray velocity;

        Updater(KerasMomentum config) {
            this.config = config;
        }

        @Override
        public KerasMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            velocity = stateMap.get("V");
            if (velocity == null) {
                throw new IllegalStateException("KerasMomentum state needs key 'V'");
            }
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of("V", velocity);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean init) {
            if (init) {
                viewArray.assign(0);
            }
            velocity = viewArray.reshape(gradientOrder, gradientShape);
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            // Keras SGD: v = momentum * v - lr * g, then w += v; DL4J applies w -= update, so update = -v
            velocity.muli(config.getMomentum()).subi(gradient.mul(lr));
            gradient.assign(velocity).negi();
        }
    }
}
