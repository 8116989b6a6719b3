package io.github.convscope.backend;

import java.util.Arrays;
import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer {@link NativeDense} builds: DL4J's dense layer with its three matrix products (forward, input gradient,
 * weight gradient) through libnd4j's {@code matmul} operation, on oneDNN in a oneDNN build. With ReLU (or no
 * activation) the backward pass takes the derivative from the layer's own output, so it does not recompute the
 * forward product as DL4J's layer does. Layer normalisation, masks, and a backward pass without a matching forward
 * pass are DL4J's own code.
 */
final class NativeDenseLayer extends DenseLayer {
    private static final long serialVersionUID = 1L;

    private transient INDArray lastInput;
    private transient INDArray lastOutput;
    private transient long passes;

    NativeDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** How many forward and backward passes this layer has computed with libnd4j's {@code matmul}. */
    long nativePasses() {
        return passes;
    }

    private boolean handles() {
        return !hasLayerNorm() && maskArray == null;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        lastInput = null;
        lastOutput = null;
        if (!handles()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray b = hasBias() ? getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr) : null;
        INDArray x = input.castTo(w.dataType());
        if (x.rank() != 2 || x.columns() != w.rows()) {
            throw new DL4JInvalidInputException("layer " + layerId() + " expects a matrix of " + w.rows()
                    + " columns, got shape " + Arrays.toString(x.shape()) + " (missing Flatten or wrong input size?)");
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, w.dataType(), x.size(0), w.size(1));
        matmul(x, w, out, false, false);
        CustomLayers.freeTemporary(x, input);
        if (b != null) {
            out.addiRowVector(b);
        }
        IActivation afn = layerConf().getActivationFn();
        if (!(afn instanceof ActivationIdentity)) {
            INDArray a = afn.getActivation(out, training);
            if (a != out) {
                out.assign(a);
            }
        }
        // kept for the backward pass (as in NativeConvolutionLayer): in training, and outside DL4J's workspaces
        if ((training || !out.isAttached()) && (afn instanceof ActivationIdentity || CustomLayers.plainRelu(afn))) {
            lastInput = input;
            lastOutput = out;
        }
        passes++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray output = lastOutput;
        boolean fromOutput = handles() && output != null && lastInput == input && !output.wasClosed();
        lastInput = null;
        lastOutput = null;
        if (!fromOutput) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray delta = epsilon.castTo(w.dataType());
        IActivation afn = layerConf().getActivationFn();
        if (afn instanceof ActivationReLU) {
            // in place: the incoming gradient is this layer's alone (the layer above allocated it for it)
            Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(output, delta).addOutputs(delta)
                    .addFloatingPointArguments(0.0).build());
        }
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray gradB = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(gradB, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, gradB);
        }
        INDArray x = input.castTo(w.dataType());
        INDArray gradW = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        matmul(x, delta, gradW, true, false);                       // x^T delta, summed over the batch
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, gradW);
        INDArray epsNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.dataType(),
                new long[] {x.size(0), w.size(0)}, 'c');
        matmul(delta, w, epsNext, false, true);                     // delta W^T
        CustomLayers.freeTemporary(x, input);
        CustomLayers.freeTemporary(delta, epsilon);
        weightNoiseParams.clear();
        passes++;
        return new Pair<>(gradient, backpropDropOutIfPresent(epsNext));
    }

    @Override
    public void clear() {
        super.clear();
        lastInput = null;
        lastOutput = null;
    }

    /** {@code out = op(a) op(b)}, op a transpose where asked; {@code out} may be a view in either order. */
    private static void matmul(INDArray a, INDArray b, INDArray out, boolean transposeA, boolean transposeB) {
        Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(a, b).addOutputs(out)
                .addIntegerArguments(transposeA ? 1 : 0, transposeB ? 1 : 0, 0).build());
    }
}
