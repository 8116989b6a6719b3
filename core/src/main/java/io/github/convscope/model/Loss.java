package io.github.convscope.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras losses. The reported value is Keras's: the per-sample loss (mean over the outputs for binary
 * cross-entropy and MSE) averaged over the samples, probabilities clipped to [1e-7, 1 - 1e-7].
 *
 * <pre>{@code
 * .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
 * }</pre>
 */
public enum Loss {
    /** Keras {@code binary_crossentropy}: sigmoid outputs, labels 0/1 (class mode BINARY). */
    BINARY_CROSSENTROPY("binary_crossentropy"),
    /** Keras {@code categorical_crossentropy}: softmax outputs, one-hot labels (class mode CATEGORICAL). */
    CATEGORICAL_CROSSENTROPY("categorical_crossentropy"),
    /** Keras {@code sparse_categorical_crossentropy}: softmax outputs, class-index labels (class mode SPARSE). */
    SPARSE_CATEGORICAL_CROSSENTROPY("sparse_categorical_crossentropy"),
    /** Keras {@code mean_squared_error}. */
    MSE("mean_squared_error");

    /** Keras's backend epsilon, used to clip probabilities. */
    static final double EPSILON = 1e-7;

    private final String kerasName;

    Loss(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The Keras string for this loss. */
    public String kerasName() {
        return kerasName;
    }

    /** The DL4J loss function the output layer trains with. */
    public ILossFunction toDl4j() {
        switch (this) {
            case BINARY_CROSSENTROPY:
                return new LossBinaryXENT(EPSILON);
            case CATEGORICAL_CROSSENTROPY:
                return new LossMCXENT();
            case SPARSE_CATEGORICAL_CROSSENTROPY:
                return new LossSparseMCXENT();
            default:
                return new LossMSE();
        }
    }

    /**
     * The sum over the batch of Keras's per-sample loss.
     *
     * @param labels [n, k] labels (for the sparse loss [n, 1] class indices)
     * @param predictions [n, units] outputs of the last layer (probabilities for the cross-entropies)
     * @return the sum; divided by the number of samples seen it is the mean that {@code fit} reports
     */
    public double sumOverBatch(INDArray labels, INDArray predictions) {
        INDArray y = labels.castTo(DataType.DOUBLE);
        INDArray p = predictions.castTo(DataType.DOUBLE);
        switch (this) {
            case BINARY_CROSSENTROPY: {
                // keras.backend.binary_crossentropy: clip to [eps, 1-eps], then -(y log(p+eps) + (1-y) log(1-p+eps))
                INDArray c = Transforms.min(Transforms.max(p, EPSILON), 1 - EPSILON);
                INDArray pos = y.mul(Transforms.log(c.add(EPSILON)));
                INDArray neg = y.rsub(1).muli(Transforms.log(c.rsub(1).addi(EPSILON)));
                return -pos.addi(neg).mean(1).sumNumber().doubleValue();
            }
            case CATEGORICAL_CROSSENTROPY: {
                // keras.backend.categorical_crossentropy: normalise rows, clip, -sum(y log p)
                INDArray norm = p.divColumnVector(p.sum(true, 1));
                INDArray c = Transforms.min(Transforms.max(norm, EPSILON), 1 - EPSILON);
                return -y.mul(Transforms.log(c)).sumNumber().doubleValue();
            }
            case SPARSE_CATEGORICAL_CROSSENTROPY: {
                double total = 0;
                long n = p.size(0);
                for (long i = 0; i < n; i++) {
                    int cls = (int) Math.round(y.getDouble(i, 0));
                    double rowSum = p.getRow(i).sumNumber().doubleValue();
                    double prob = Math.min(Math.max(p.getDouble(i, cls) / rowSum, EPSILON), 1 - EPSILON);
                    total -= Math.log(prob);
                }
                return total;
            }
            default:
                return Transforms.pow(y.sub(p), 2).mean(1).sumNumber().doubleValue();
        }
    }

}
