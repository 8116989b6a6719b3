package io.github.convscope.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.explain.TinyExplainNets.Kind;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Batches, SmoothGrad, filter patterns, mistakes and the error messages. */
class ExplainerBehaviourTest {
    private static final ReferenceArrays REF = new ReferenceArrays("explain_reference.txt");

    private static Explainer softmaxGraph() {
        return TinyExplainNets.build(Kind.GRAPH, CNN2DFormat.NHWC, "softmax", REF).explainer();
    }

    @Test
    void aBatchIsExplainedAsEachImageAlone() {
        Explainer explainer = softmaxGraph();
        INDArray images = REF.get("images");
        Heatmaps all = explainer.gradCam(images);
        for (int i = 0; i < 4; i++) {
            INDArray one = images.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            assertArrayEquals(all.map(i), explainer.gradCam(one).map(0), 1e-6f);
        }
    }

    /**
     * A batch of more than {@link Explainer#IMAGES_PER_PASS} images goes in several passes: every image gets the maps,
     * gradients, probabilities and class it gets alone, per-image classes follow their images, and patterns of more
     * filters than a pass takes come back in the order asked for.
     */
    @Test
    void aLargeBatchGoesInPassesAndEachImageIsExplainedAsAlone() {
        Explainer explainer = softmaxGraph();
        INDArray four = REF.get("images");
        int n = Explainer.IMAGES_PER_PASS + 5;
        INDArray[] copies = new INDArray[n];
        for (int i = 0; i < n; i++) {
            // distinct images: each reference image, brightened by its position in the batch
            copies[i] = four.get(NDArrayIndex.interval(i % 4, i % 4 + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).add(0.01 * i);
        }
        INDArray images = Nd4j.concat(0, copies);
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (i / 3) % 2;
        }
        Heatmaps cams = explainer.gradCam(images, CamMethod.GRAD_CAM, "conv2", classes);
        SaliencyMaps saliency = explainer.saliency(images, classes);
        Heatmaps predicted = explainer.gradCam(images);
        assertEquals(n, cams.maps().size(0));
        assertArrayEquals(classes, cams.classes());
        assertArrayEquals(classes, saliency.classes());
        for (int i : new int[] {0, 7, Explainer.IMAGES_PER_PASS - 1, Explainer.IMAGES_PER_PASS, n - 1}) {
            INDArray one = images.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all());
            Heatmaps alone = explainer.gradCam(one, CamMethod.GRAD_CAM, "conv2", classes[i]);
            assertArrayEquals(alone.map(0), cams.map(i), 1e-6f, "Grad-CAM of image " + i);
            assertArrayEquals(alone.probabilities().toFloatVector(), cams.probabilities().getRow(i).toFloatVector(),
                    1e-6f, "probabilities of image " + i);
            SaliencyMaps s = explainer.saliency(one, classes[i]);
            assertTrue(s.gradients().get(NDArrayIndex.point(0)).equalsWithEps(saliency.gradients()
                    .get(NDArrayIndex.point(i)), 1e-6), "input gradients of image " + i);
            assertEquals(explainer.gradCam(one).classes()[0], predicted.classes()[i], "predicted class of " + i);
        }
        PatternSettings settings = new PatternSettings(3, 2.0, 5, 10, 9);
        int[] filters = new int[Explainer.IMAGES_PER_PASS + 3];
        for (int k = 0; k < filters.length; k++) {
            filters[k] = (k * 3) % 5;
        }
        List<FilterPattern> patterns = explainer.filterPatterns("conv2", settings, filters);
        assertEquals(filters.length, patterns.size());
        for (int k = 0; k < filters.length; k++) {
            assertEquals(filters[k], patterns.get(k).filter());
            FilterPattern alone = explainer.filterPatterns("conv2", settings, filters[k]).get(0);
            assertTrue(alone.image().equalsWithEps(patterns.get(k).image(), 1e-5), "pattern " + k);
        }
    }

    /**
     * Each pass frees its own activations and gradients at once (a 150x150 batch of 128 makes about 1 GB of them);
     * what it returns, and the caller's images, stay whole, on every kind of network and layout.
     */
    @Test
    void passesFreeTheirOwnArraysButNotTheCallersOrWhatTheyReturn() {
        for (Kind kind : Kind.values()) {
            for (CNN2DFormat format : CNN2DFormat.values()) {
                Explainer explainer = TinyExplainNets.build(kind, format, "softmax", REF).explainer();
                INDArray images = REF.get("images");
                INDArray copy = images.dup();
                Heatmaps cams = explainer.gradCam(images);
                SaliencyMaps saliency = explainer.saliency(images);
                Heatmaps again = explainer.gradCam(images);
                String where = kind + " " + format;
                assertFalse(images.wasClosed(), where);
                assertEquals(copy, images, where);
                for (INDArray kept : List.of(cams.maps(), cams.coarse(), cams.probabilities(), saliency.maps(),
                        saliency.gradients(), saliency.probabilities())) {
                    assertFalse(kept.wasClosed(), where);
                    assertTrue(Double.isFinite(kept.sumNumber().doubleValue()), where);
                }
                assertEquals(cams.maps(), again.maps(), where);
                assertEquals(cams.probabilities(), again.probabilities(), where);

                GradientPass pass = GradientPass.forward(explainer.model(), explainer.toNetwork(images));
                INDArray output = pass.output();
                pass.release();
                assertTrue(output.wasClosed(), "the pass's own output is freed, " + where);
                assertFalse(images.wasClosed(), where);
            }
        }
    }

    @Test
    void smoothGradIsSeededAndWithoutNoiseIsVanillaSaliency() {
        Explainer explainer = softmaxGraph();
        INDArray images = REF.get("images");
        SaliencyMaps a = explainer.smoothGrad(images, new SmoothGrad(3, 0.2, 7));
        SaliencyMaps b = explainer.smoothGrad(images, new SmoothGrad(3, 0.2, 7));
        SaliencyMaps c = explainer.smoothGrad(images, new SmoothGrad(3, 0.2, 8));
        assertEquals(a.maps(), b.maps());
        assertFalse(a.maps().equalsWithEps(c.maps(), 1e-6));
        assertArrayEquals(REF.ints("softmax_predicted"), a.classes());
        SaliencyMaps quiet = explainer.smoothGrad(images, new SmoothGrad(2, 0.0, 1));
        assertTrue(quiet.maps().equalsWithEps(explainer.saliency(images).maps(), 1e-6));
    }

    @Test
    void filterPatternsRaiseTheirFilterAndAreSeeded() {
        Explainer explainer = softmaxGraph();
        PatternSettings settings = new PatternSettings(8, 2.0, 5, 10, 9);
        List<FilterPattern> patterns = explainer.filterPatterns("conv2", settings);
        assertEquals(5, patterns.size());
        for (FilterPattern p : patterns) {
            assertTrue(p.finalActivation() > p.initialActivation(), "filter " + p.filter() + ": "
                    + p.initialActivation() + " -> " + p.finalActivation());
            assertArrayEquals(new long[] {10, 9, 3}, p.image().shape());
            INDArray shown = p.displayImage();
            assertTrue(shown.minNumber().doubleValue() >= 0 && shown.maxNumber().doubleValue() <= 1);
        }
        List<FilterPattern> again = explainer.filterPatterns("conv2", settings, 3, 1);
        assertEquals(patterns.get(3).filter(), again.get(0).filter());
        assertTrue(patterns.get(1).image().equalsWithEps(again.get(1).image(), 1e-5));
        assertTrue(patterns.get(3).image().equalsWithEps(again.get(0).image(), 1e-5));
        List<FilterPattern> other = explainer.filterPatterns("conv2", new PatternSettings(8, 2.0, 6, 10, 9), 1);
        assertFalse(other.get(0).image().equalsWithEps(patterns.get(1).image(), 1e-3));
    }

    @Test
    void mostConfidentMistakesComeFirst() {
        float[][] probs = {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.3f, 0.7f}, {0.95f, 0.05f}, {0.6f, 0.4f}};
        int[] truth = {1, 1, 0, 1, 0};
        List<Mistake> m = Mistake.mostConfident(truth, probs, 2);
        assertEquals(List.of(new Mistake(3, 1, 0, 0.95f), new Mistake(0, 1, 0, 0.9f)), m);
        List<Mistake> sigmoid = Mistake.mostConfident(new int[] {0, 1, 0}, new float[][] {{0.7f}, {0.2f}, {0.9f}}, 5);
        assertEquals(List.of(new Mistake(2, 0, 1, 0.9f), new Mistake(1, 1, 0, 0.8f), new Mistake(0, 0, 1, 0.7f)),
                sigmoid);
    }

    @Test
    void badInputIsNamed() {
        Explainer explainer = softmaxGraph();
        INDArray images = REF.get("images");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> explainer.gradCam(images, CamMethod.GRAD_CAM, "conv9"));
        assertTrue(e.getMessage().contains("'conv9'") && e.getMessage().contains("[conv1, conv2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> explainer.gradCam(images, CamMethod.GRAD_CAM, "dense"));
        assertTrue(e.getMessage().contains("not image-shaped"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> explainer.saliency(images, 3));
        assertTrue(e.getMessage().contains("class 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> explainer.saliency(images, 0, 1));
        assertTrue(e.getMessage().contains("classes has 2 entries for 4 images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> explainer.gradCam(Nd4j.rand(2, 3, 10, 9)));
        assertTrue(e.getMessage().contains("NHWC"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SmoothGrad(0, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PatternSettings(5, -1, 1, 0, 0));
    }
}
