package io.github.convscope.explain;

import io.github.convscope.backend.BatchPasses;
import io.github.convscope.backend.NativeMemory;
import io.github.convscope.backend.NetworkLayout;
import io.github.convscope.inspect.InputSpec;
import io.github.convscope.inspect.LayerTap;
import io.github.convscope.inspect.NetworkCatalog;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why a trained network decides as it does: Grad-CAM heat maps, saliency maps and filter patterns, computed with
 * DL4J's own backpropagation on an inference-mode pass (dropout off, batch normalization on its running statistics).
 *
 * <pre>{@code
 * Explainer explainer = Explainer.of(model);
 * Heatmaps cams = explainer.gradCam(images);                // last convolution, predicted classes
 * SaliencyMaps saliency = explainer.saliency(images, 1);    // class 1 for every image
 * }</pre>
 *
 * <p>Class scores are taken before the output activation (the logit): the softmax input of a class, or for one
 * sigmoid unit +logit for class 1 and -logit for class 0 (as tf-keras-vis with {@code ReplaceToLinear} and
 * pytorch-grad-cam). Images are NHWC float batches with the values the network was trained on; a batch is explained
 * {@value #IMAGES_PER_PASS} images at a time (one forward and one backward pass each, so memory does not grow with
 * the batch; each image's result is its own either way), and filter patterns are searched
 * {@value #IMAGES_PER_PASS} filters at a time. Calls on one network are serialised; the explainer always uses the
 * network's current weights.
 */
public final class Explainer {
    /**
     * The most images one forward and backward pass takes. A pass holds every layer's activation and gradient of
     * its images (about 4 MB an image for the lecture's 150x150 model), so larger batches go in several passes.
     */
    public static final int IMAGES_PER_PASS = 32;

    private final Model network;
    private final NetworkCatalog catalog;
    private final InputSpec input;

    private Explainer(Model network, NetworkCatalog catalog, InputSpec input) {
        this.network = network;
        this.catalog = catalog;
        this.input = input;
    }

    /**
     * Explains a {@link Sequential} under its Keras layer names ({@code conv2d_2}, ...).
     *
     * @param model a built model
     * @return the explainer
     */
    public static Explainer of(Sequential model) {
        NetworkCatalog catalog = NetworkCatalog.of(model.network(), model.layers());
        int[] s = model.inputShape();
        return new Explainer(model.network(), catalog, catalog.input().withShape(s[0], s[1], s[2]));
    }

    /**
     * Explains a {@code MultiLayerNetwork} under its DL4J layer names ({@code layer<i>} when unnamed).
     *
     * @param network an initialised network that takes images and ends in an output or dense layer
     * @return the explainer
     */
    public static Explainer of(MultiLayerNetwork network) {
        NetworkCatalog catalog = NetworkCatalog.of(network);
        return new Explainer(network, catalog, catalog.input());
    }

    /**
     * Explains a single-input, single-output {@code ComputationGraph} under its vertex names.
     *
     * @param graph an initialised graph
     * @return the explainer
     * @throws IllegalArgumentException when the graph has several outputs
     */
    public static Explainer of(ComputationGraph graph) {
        if (graph.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("only graphs with one output can be explained; this one has outputs "
                    + graph.getConfiguration().getNetworkOutputs());
        }
        NetworkCatalog catalog = NetworkCatalog.of(graph);
        return new Explainer(graph, catalog, catalog.input());
    }

    /** @return the DL4J network underneath */
    public Model network() {
        return network;
    }

    /** @return the names of the 2D convolution layers, in forward order */
    public List<String> convolutionLayers() {
        return catalog.taps().stream().filter(LayerTap::convolution).map(LayerTap::name).toList();
    }

    /**
     * @return the last 2D convolution layer, Grad-CAM's default
     * @throws IllegalStateException when the network has no 2D convolution
     */
    public String lastConvolutionLayer() {
        List<String> convs = convolutionLayers();
        if (convs.isEmpty()) {
            throw new IllegalStateException("the network has no 2D convolution layer; name an image-shaped layer");
        }
        return convs.get(convs.size() - 1);
    }

    /**
     * Grad-CAM of the last convolution layer for the predicted classes.
     *
     * @param images NHWC float {@code [n, height, width, channels]}
     * @return one map per image
     */
    public Heatmaps gradCam(INDArray images) {
        return gradCam(images, CamMethod.GRAD_CAM, lastConvolutionLayer());
    }

    /**
     * Class-activation maps of a chosen layer and classes.
     *
     * @param images  NHWC float {@code [n, height, width, channels]}
     * @param method  Grad-CAM or Grad-CAM++
     * @param layer   an image-shaped layer (see {@link #convolutionLayers()})
     * @param classes none: the predicted class of each image; one: that class for every image; n: one per image
     * @return one map per image, upsampled to the input size
     */
    public Heatmaps gradCam(INDArray images, CamMethod method, String layer, int... classes) {
        List<Heatmaps> parts = inPasses(images, classes, (part, partClasses) -> gradCamPass(part, method, layer,
                partClasses));
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Heatmaps first = parts.get(0);
        return new Heatmaps(first.layer(), method, BatchPasses.concat(parts.stream().map(Heatmaps::maps).toList()),
                BatchPasses.concat(parts.stream().map(Heatmaps::coarse).toList()),
                parts.stream().flatMapToInt(h -> Arrays.stream(h.classes())).toArray(),
                BatchPasses.concat(parts.stream().map(Heatmaps::probabilities).toList()));
    }

    private Heatmaps gradCamPass(INDArray images, CamMethod method, String layer, int... classes) {
        LayerTap tap = spatialTap(layer);
        String node = GradientPass.nodeOf(tap);
        INDArray coarse;
        INDArray probabilities;
        int[] targets;
        synchronized (network) {
            INDArray x = toNetwork(images);
            GradientPass pass = GradientPass.forward(network, x);
            INDArray gradients = null;
            INDArray activations = null;
            try {
                probabilities = pass.output().castTo(DataType.FLOAT).dup();
                targets = ClassTargets.resolve(classes, probabilities);
                gradients = toNhwc(pass.fromLogits(ClassTargets.selector(targets, probabilities, GradientPass.dataType(network)), node, true).captured(), tap);
                activations = toNhwc(pass.activation(node), tap);
                coarse = CamMath.coarse(activations, gradients, method);   // a new array
            } finally {
                // freed at once (our own copies): a batch of 128 150x150 images makes about 200 MB of them
                pass.release();
                NativeMemory.free(gradients);
                NativeMemory.free(activations);
                NativeMemory.free(x);
            }
        }
        INDArray maps = CamMath.upsampleAndNormalize(coarse, (int) images.size(1), (int) images.size(2));
        return new Heatmaps(tap.name(), method, maps, coarse, targets, probabilities);
    }

    /**
     * Gradients of the class scores with respect to the input pixels.
     *
     * @param images  NHWC float {@code [n, height, width, channels]}
     * @param classes none: predicted classes; one: that class for all; n: one per image
     * @return float32 NHWC {@code [n, height, width, channels]}
     */
    public INDArray inputGradients(INDArray images, int... classes) {
        return saliency(images, classes).gradients();
    }

    /**
     * Vanilla saliency (Simonyan et al. 2013): the largest absolute input gradient over the channels.
     *
     * @param images  NHWC float {@code [n, height, width, channels]}
     * @param classes none: predicted classes; one: that class for all; n: one per image
     * @return the maps and the gradients
     */
    public SaliencyMaps saliency(INDArray images, int... classes) {
        List<SaliencyMaps> parts = inPasses(images, classes, this::saliencyPass);
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return new SaliencyMaps(BatchPasses.concat(parts.stream().map(SaliencyMaps::maps).toList()),
                BatchPasses.concat(parts.stream().map(SaliencyMaps::gradients).toList()),
                parts.stream().flatMapToInt(m -> Arrays.stream(m.classes())).toArray(),
                BatchPasses.concat(parts.stream().map(SaliencyMaps::probabilities).toList()));
    }

    private SaliencyMaps saliencyPass(INDArray images, int... classes) {
        synchronized (network) {
            INDArray x = toNetwork(images);
            GradientPass pass = GradientPass.forward(network, x);
            try {
                INDArray probabilities = pass.output().castTo(DataType.FLOAT).dup();
                int[] targets = ClassTargets.resolve(classes, probabilities);
                INDArray g = inputToNhwc(pass.fromLogits(ClassTargets.selector(targets, probabilities, GradientPass.dataType(network)), null, false).input());
                return new SaliencyMaps(maxAbsOverChannels(g), g, targets, probabilities);
            } finally {
                pass.release();
                NativeMemory.free(x);
            }
        }
    }

    /**
     * SmoothGrad (Smilkov et al. 2017): the mean input gradient over noisy copies, then the largest absolute value over
     * the channels. The classes are chosen on the clean images.
     *
     * @param images   NHWC float {@code [n, height, width, channels]}
     * @param settings samples, noise level and seed
     * @param classes  none: predicted classes; one: that class for all; n: one per image
     * @return the maps and the mean gradients
     */
    public SaliencyMaps smoothGrad(INDArray images, SmoothGrad settings, int... classes) {
        input.check(images);
        INDArray clean = images.castTo(DataType.FLOAT);
        int n = (int) clean.size(0);
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            INDArray img = clean.slice(i);
            sigma[i] = settings.noiseLevel() * (img.maxNumber().doubleValue() - img.minNumber().doubleValue());
        }
        Random random = new Random(settings.seed());
        long perImage = clean.length() / n;
        INDArray sum = null;
        INDArray probabilities = null;
        int[] targets = null;
        float[] cleanPixels = CamMath.floats(clean);
        synchronized (network) {
            for (int s = 0; s < settings.samples(); s++) {
                float[] noisy = cleanPixels.clone();
                for (int k = 0; k < noisy.length; k++) {
                    noisy[k] += (float) (random.nextGaussian() * sigma[(int) (k / perImage)]);
                }
                if (targets == null) {
                    SaliencyMaps first = saliency(clean, classes);
                    targets = first.classes();
                    probabilities = first.probabilities();
                }
                INDArray noisyImages = Nd4j.create(noisy, clean.shape(), 'c');
                SaliencyMaps sample = saliency(noisyImages, targets);
                INDArray g = sample.gradients();
                sum = sum == null ? g : sum.addi(g);
                NativeMemory.free(noisyImages);
                NativeMemory.free(sample.maps());
                if (g != sum) {
                    NativeMemory.free(g);
                }
            }
        }
        INDArray mean = sum.divi(settings.samples());
        return new SaliencyMaps(maxAbsOverChannels(mean), mean, targets, probabilities);
    }

    /**
     * Filter patterns (activation maximisation) of every filter of a layer: gradient ascent on the input, from a
     * seeded noisy grey image, on the mean activation of each filter, {@value #IMAGES_PER_PASS} filters a batch.
     *
     * @param layer    an image-shaped layer
     * @param settings steps, step size, seed and image size
     * @return one pattern per filter, in filter order
     */
    public List<FilterPattern> filterPatterns(String layer, PatternSettings settings) {
        LayerTap tap = spatialTap(layer);
        synchronized (network) {
            return filterPatterns(layer, settings, PatternSearch.allFilters(this, tap, patternSize(settings)));
        }
    }

    /**
     * Filter patterns of chosen filters of a layer.
     *
     * @param layer    an image-shaped layer
     * @param settings steps, step size, seed and image size
     * @param filters  the filter (channel) indices
     * @return one pattern per requested filter, in the given order
     */
    public List<FilterPattern> filterPatterns(String layer, PatternSettings settings, int... filters) {
        LayerTap tap = spatialTap(layer);
        int[] size = patternSize(settings);
        synchronized (network) {
            PatternSearch search = new PatternSearch(this, tap, GradientPass.nodeOf(tap), settings, size[0], size[1],
                    size[2]);
            // each filter's search is its own (its start depends only on the seed and the filter)
            List<FilterPattern> out = new ArrayList<>(filters.length);
            BatchPasses.inPasses(filters.length, IMAGES_PER_PASS,
                    (from, to) -> search.run(Arrays.copyOfRange(filters, (int) from, (int) to))).forEach(out::addAll);
            return out;
        }
    }

    /**
     * Runs {@code pass} on {@code images} in parts of at most {@link #IMAGES_PER_PASS} images, each with its images'
     * classes; the whole batch (and the classes) when it is no larger.
     */
    private <T> List<T> inPasses(INDArray images, int[] classes, BiFunction<INDArray, int[], T> pass) {
        long n = checkBatch(images, classes);
        return BatchPasses.inPasses(n, IMAGES_PER_PASS, (from, to) -> pass.apply(BatchPasses.rows(images, from, to),
                classesOf(classes, n, from, to)));
    }

    /** Checks a batch and its classes before it is split into passes; returns the number of images. */
    private long checkBatch(INDArray images, int[] classes) {
        if (images == null) {
            throw new IllegalArgumentException("images must not be null; give an NHWC float batch");
        }
        input.check(images);
        long n = images.size(0);
        if (classes != null && classes.length > 1 && classes.length != n) {
            throw new IllegalArgumentException("classes has " + classes.length + " entries for " + n + " images; give "
                    + "none (the predicted classes), one (for every image) or one per image");
        }
        return n;
    }

    /** The classes of images {@code from} to {@code to} of {@code n}: none, the one for all, or their own. */
    private static int[] classesOf(int[] classes, long n, long from, long to) {
        return classes == null || classes.length <= 1 || to - from == n ? classes
                : Arrays.copyOfRange(classes, (int) from, (int) to);
    }

    private int[] patternSize(PatternSettings settings) {
        int height = settings.height() > 0 ? settings.height() : input.height();
        int width = settings.width() > 0 ? settings.width() : input.width();
        if (height < 1 || width < 1 || input.channels() < 1) {
            throw new IllegalArgumentException("the network does not fix its input size; give height and width in "
                    + "PatternSettings.withSize(height, width)");
        }
        return new int[] {height, width, input.channels()};
    }

    LayerTap spatialTap(String layer) {
        for (LayerTap tap : catalog.taps()) {
            if (tap.name().equals(layer)) {
                if (!tap.spatial()) {
                    throw new IllegalArgumentException("layer '" + layer + "' (" + tap.type() + ") is not image-shaped;"
                            + " choose a convolution layer: " + convolutionLayers());
                }
                return tap;
            }
        }
        throw new IllegalArgumentException("layer: no layer named '" + layer + "'; convolution layers: "
                + convolutionLayers());
    }

    /** Images in the network's layout and data type, after checking their shape. */
    INDArray toNetwork(INDArray images) {
        input.check(images);
        return NetworkLayout.toNetwork(images.castTo(GradientPass.dataType(network)), input.format()).dup('c');
    }

    INDArray inputToNhwc(INDArray gradient) {
        return NetworkLayout.toNhwc(gradient, input.format()).castTo(DataType.FLOAT).dup('c');
    }

    static INDArray toNhwc(INDArray activation, LayerTap tap) {
        return NetworkLayout.toNhwc(activation, tap.format()).castTo(DataType.FLOAT).dup('c');
    }

    Model model() {
        return network;
    }

    private static INDArray maxAbsOverChannels(INDArray nhwc) {
        INDArray abs = org.nd4j.linalg.ops.transforms.Transforms.abs(nhwc, true);
        INDArray max = abs.max(3);
        INDArray out = max.castTo(DataType.FLOAT).dup('c');
        NativeMemory.free(abs);
        NativeMemory.free(max);
        return out;
    }
}
