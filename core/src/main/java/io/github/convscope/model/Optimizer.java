package io.github.convscope.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A Keras optimizer with Keras's default settings: {@code adam()} (learning rate 0.001, beta1 0.9, beta2 0.999,
 * epsilon 1e-7), {@code sgd(lr, momentum)}, {@code rmsprop(lr)} (rho 0.9, epsilon 1e-7).
 *
 * <pre>{@code
 * .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
 * }</pre>
 */
public final class Optimizer {
    /** The optimizer families. */
    enum Kind { ADAM, SGD, RMSPROP }

    private final Kind kind;
    private final double learningRate;
    private final double momentum;

    private Optimizer(Kind kind, double learningRate, double momentum) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a positive number, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.kind = kind;
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    /** Adam with Keras's defaults: learning rate 0.001, beta1 0.9, beta2 0.999, epsilon 1e-7. */
    public static Optimizer adam() {
        return adam(0.001);
    }

    /** Adam with the given learning rate and Keras's other defaults. */
    public static Optimizer adam(double learningRate) {
        return new Optimizer(Kind.ADAM, learningRate, 0);
    }

    /** Plain SGD with the given learning rate (Keras's default is 0.01). */
    public static Optimizer sgd(double learningRate) {
        return sgd(learningRate, 0);
    }

    /** SGD with Keras's classic momentum: {@code v = momentum * v - lr * g; w += v}. */
    public static Optimizer sgd(double learningRate, double momentum) {
        return new Optimizer(Kind.SGD, learningRate, momentum);
    }

    /** RMSprop with the given learning rate (Keras's default is 0.001), rho 0.9 and epsilon 1e-7. */
    public static Optimizer rmsprop(double learningRate) {
        return new Optimizer(Kind.RMSPROP, learningRate, 0);
    }

    /** The initial learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** The Keras name: {@code adam}, {@code sgd} or {@code rmsprop}. */
    public String kerasName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A fresh DL4J updater configuration with these settings. */
    public IUpdater toUpdater() {
        switch (kind) {
            case ADAM:
                return new Adam(learningRate, 0.9, 0.999, 1e-7);
            case RMSPROP:
                return new RmsProp(learningRate, 0.9, 1e-7);
            default:
                return momentum == 0 ? new Sgd(learningRate) : new KerasMomentum(learningRate, momentum);
        }
    }

    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("optimizer", kind.name());
        s.put("learningRate", Double.toString(learningRate));
        s.put("momentum", Double.toString(momentum));
        return s;
    }

    static Optimizer fromSettings(Map<String, String> s) {
        return new Optimizer(Kind.valueOf(s.get("optimizer")), Double.parseDouble(s.get("learningRate")),
                Double.parseDouble(s.get("momentum")));
    }

    @Override
    public String toString() {
        return kerasName() + "(learningRate=" + learningRate + (kind == Kind.SGD ? ", momentum=" + momentum : "") + ")";
    }
}
