package io.github.convscope.model;

import static io.github.convscope.model.NativeAccelerationTest.BATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.backend.NativeAcceleration;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences against the fast path's analytic gradients, on the weights of every convolution and of
 * the first dense layer, for a plain model and for one with dropout (fixed masks: the same seed before each
 * evaluation) and batch normalization.
 */
class NativeGradientCheckTest {
    private static final double EPS = 1e-5;
    private static final long SEED = 1234;

    private static double score(MultiLayerNetwork net, INDArray x, INDArray y) {
        Nd4j.getRandom().setSeed(SEED);
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        return net.score();
    }

    /**
     * Checks the largest of the first 40 gradients of each convolution and dense layer, and one fixed entry, on a
     * float64 copy of the network (in float32 a step small enough to stay clear of ReLU and max-pooling kinks is
     * lost in rounding; DL4J's plain path fails the float32 check as well). The float32 fast path is held to the
     * plain path by {@link NativeAccelerationTest}.
     */
    private static int check(Sequential model, INDArray nhwc, INDArray labels, int nativeLayers) {
        MultiLayerNetwork net = model.network().convertDataType(DataType.DOUBLE);
        assertEquals(nativeLayers, NativeAcceleration.nativeLayersInUse(net), "the float64 copy keeps native layers");
        INDArray x = model.toNetworkInput(nhwc).castTo(DataType.DOUBLE);
        INDArray y = labels.castTo(DataType.DOUBLE);
        score(net, x, y);
        INDArray analytic = net.gradient().gradient().dup();
        INDArray params = net.params();
        int checked = 0;
        long offset = 0;
        for (Layer layer : net.getLayers()) {
            String type = layer.conf().getLayer().getClass().getSimpleName();
            if (type.equals("NativeConvolution") || type.equals("NativeDense") || type.equals("DenseLayer")) {
                long best = offset;
                for (long i = offset; i < offset + 40; i++) {
                    if (Math.abs(analytic.getDouble(i)) > Math.abs(analytic.getDouble(best))) {
                        best = i;
                    }
                }
                assertTrue(Math.abs(analytic.getDouble(best)) > 1e-5, type + " at " + offset + ": gradient all zero");
                for (long i : new long[] {best, offset + 5}) {
                    double original = params.getDouble(i);
                    params.putScalar(i, original + EPS);
                    double up = score(net, x, y);
                    params.putScalar(i, original - EPS);
                    double down = score(net, x, y);
                    params.putScalar(i, original);
                    double numeric = (up - down) / (2 * EPS);
                    // DL4J's gradient is summed over the batch (its updater divides by the batch size); the score a mean
                    double a = analytic.getDouble(i) / BATCH;
                    assertEquals(numeric, a, 1e-7 + 1e-4 * Math.abs(numeric), type + ": d loss / d param " + i);
                    checked++;
                }
            }
            offset += layer.numParams();
        }
        return checked;
    }

    @Test
    void convolutionAndDenseGradientsMatchFiniteDifferences() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        Sequential model = NativeAccelerationTest.flattenModel(Optimizer.sgd(0.01)).build();
        assertEquals(6, check(model, NativeAccelerationTest.images(8), NativeAccelerationTest.binaryLabels(), 2));
    }

    @Test
    void gradientsMatchFiniteDifferencesWithDropoutAndBatchNormalization() {
        assumeTrue(NativeAcceleration.isEnabled(), "ND4J has no oneDNN build on this platform");
        Sequential model = NativeAccelerationTest.regularisedModel(Optimizer.sgd(0.01)).build();
        assertEquals(8, check(model, NativeAccelerationTest.images(9), NativeAccelerationTest.oneHotLabels(), 3));
    }
}
