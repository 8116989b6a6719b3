package io.github.convscope.model;

import org.nd4j.linalg.activations.IActivation;

/**
 * Activation functions by their Keras names; {@link #LINEAR} (Keras's default, no activation) unless a layer sets one.
 *
 * <pre>{@code
 * Conv2D.of(16, 3).activation(Activation.RELU)
 * }</pre>
 */
public enum Activation {
    /** Identity, Keras {@code 'linear'} (the default). */
    LINEAR("linear", org.nd4j.linalg.activations.Activation.IDENTITY),
    /** Keras {@code 'relu'}. */
    RELU("relu", org.nd4j.linalg.activations.Activation.RELU),
    /** Keras {@code 'sigmoid'}. */
    SIGMOID("sigmoid", org.nd4j.linalg.activations.Activation.SIGMOID),
    /** Keras {@code 'softmax'} over the last axis. */
    SOFTMAX("softmax", org.nd4j.linalg.activations.Activation.SOFTMAX),
    /** Keras {@code 'tanh'}. */
    TANH("tanh", org.nd4j.linalg.activations.Activation.TANH),
    /** Keras {@code 'elu'} with alpha 1. */
    ELU("elu", org.nd4j.linalg.activations.Activation.ELU),
    /** Keras {@code 'selu'}. */
    SELU("selu", org.nd4j.linalg.activations.Activation.SELU),
    /** Keras {@code 'softplus'}. */
    SOFTPLUS("softplus", org.nd4j.linalg.activations.Activation.SOFTPLUS),
    /** Keras {@code 'softsign'}. */
    SOFTSIGN("softsign", org.nd4j.linalg.activations.Activation.SOFTSIGN),
    /** Keras {@code 'swish'}: x * sigmoid(x). */
    SWISH("swish", org.nd4j.linalg.activations.Activation.SWISH);

    private final String kerasName;
    private final org.nd4j.linalg.activations.Activation dl4j;

    Activation(String kerasName, org.nd4j.linalg.activations.Activation dl4j) {
        this.kerasName = kerasName;
        this.dl4j = dl4j;
    }

    /** The Keras string for this activation, e.g. {@code "relu"}. */
    public String kerasName() {
        return kerasName;
    }

    /** The DL4J activation function that computes it. */
    public IActivation toDl4j() {
        return dl4j.getActivationFunction();
    }
}
