package io.github.convscope.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.explain.TinyExplainNets.Built;
import io.github.convscope.explain.TinyExplainNets.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Grad-CAM, Grad-CAM++, saliency and input gradients equal PyTorch's on the same weights (fixture:
 * explain_reference.txt, written by generate_explain.py beside it) within 1e-5, for a sigmoid and a softmax head, on a
 * MultiLayerNetwork, a ComputationGraph and a Sequential, in NCHW and NHWC.
 */
class ExplainGoldenTest {
    private static final double TOLERANCE = 1e-5;
    private static final ReferenceArrays REF = new ReferenceArrays("explain_reference.txt");
    private static final List<String> REPORT = new ArrayList<>();

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (CNN2DFormat format : CNN2DFormat.values()) {
                for (String head : List.of("sigmoid", "softmax")) {
                    cases.add(Arguments.of(kind, format, head));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void everyMethodEqualsPyTorch(Kind kind, CNN2DFormat format, String head) {
        Built built = TinyExplainNets.build(kind, format, head, REF);
        assertEquals(format, built.format(), "the network was built in the requested layout");
        Explainer explainer = built.explainer();
        INDArray images = REF.get("images");
        int[] explicit = REF.ints(head + "_explicit");
        String what = kind + " " + format + " " + head;

        Heatmaps predicted = explainer.gradCam(images);
        assertEquals(built.conv2(), predicted.layer());
        assertArrayEquals(REF.ints(head + "_predicted"), predicted.classes(), what);
        double probabilities = check(what + " probabilities", REF.get(head + "_probabilities"),
                predicted.probabilities());
        double cam = Math.max(check(what + " gradcam", REF.get(head + "_pred_gradcam"), predicted.maps()),
                check(what + " coarse", REF.get(head + "_pred_gradcam_coarse"), predicted.coarse()));
        Heatmaps chosen = explainer.gradCam(images, CamMethod.GRAD_CAM, built.conv2(), explicit);
        cam = Math.max(cam, check(what + " gradcam explicit", REF.get(head + "_explicit_gradcam"), chosen.maps()));
        Heatmaps first = explainer.gradCam(images, CamMethod.GRAD_CAM, built.conv1(), explicit);
        cam = Math.max(cam, check(what + " gradcam conv1", REF.get(head + "_conv1_gradcam"), first.maps()));
        double plus = check(what + " gradcam++", REF.get(head + "_pred_gradcampp"),
                explainer.gradCam(images, CamMethod.GRAD_CAM_PLUS_PLUS, built.conv2()).maps());
        plus = Math.max(plus, check(what + " gradcam++ explicit", REF.get(head + "_explicit_gradcampp"),
                explainer.gradCam(images, CamMethod.GRAD_CAM_PLUS_PLUS, built.conv2(), explicit).maps()));

        SaliencyMaps saliency = explainer.saliency(images);
        double gradients = check(what + " input gradients", REF.get(head + "_pred_input_gradients"),
                saliency.gradients());
        gradients = Math.max(gradients, check(what + " input gradients explicit",
                REF.get(head + "_explicit_input_gradients"), explainer.inputGradients(images, explicit)));
        double sal = check(what + " saliency", REF.get(head + "_pred_saliency"), saliency.maps());
        REPORT.add(String.format("%-10s %s %-7s gradcam %.2e  gradcam++ %.2e  saliency %.2e  input-gradients %.2e"
                + "  probabilities %.2e", kind, format, head, cam, plus, sal, gradients, probabilities));
    }

    @AfterAll
    static void printDifferences() {
        REPORT.forEach(line -> System.out.println("max |java - torch|: " + line));
    }

    private static double check(String what, INDArray expected, INDArray actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double diff = Transforms.abs(expected.castTo(actual.dataType()).sub(actual), false).maxNumber().doubleValue();
        assertTrue(diff <= TOLERANCE, what + ": max abs difference " + diff);
        return diff;
    }
}
