package io.github.convscope.explain;

import io.github.convscope.backend.NativeMemory;
import io.github.convscope.inspect.LayerTap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Gradient ascent on the input for several filters of one layer at once, one image per filter. */
final class PatternSearch {
    private final Explainer explainer;
    private final LayerTap tap;
    private final String node;
    private final PatternSettings settings;
    private final int height;
    private final int width;
    private final int channels;

    PatternSearch(Explainer explainer, LayerTap tap, String node, PatternSettings settings, int height, int width,
                  int channels) {
        this.explainer = explainer;
        this.tap = tap;
        this.node = node;
        this.settings = settings;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** Every filter index of a tap's layer, counted by a forward pass of one grey image of {@code size} (h, w, c). */
    static int[] allFilters(Explainer explainer, LayerTap tap, int[] size) {
        INDArray grey = Nd4j.valueArrayOf(new long[] {1, size[0], size[1], size[2]}, 0.5f);
        GradientPass pass = GradientPass.forward(explainer.model(), explainer.toNetwork(grey));
        try {
            int filters = (int) Explainer.toNhwc(pass.activation(GradientPass.nodeOf(tap)), tap).size(3);
            int[] all = new int[filters];
            Arrays.setAll(all, i -> i);
            return all;
        } finally {
            pass.release();
        }
    }

    List<FilterPattern> run(int[] filters) {
        int n = filters.length;
        if (n == 0) {
            throw new IllegalArgumentException("filters: name at least one filter index");
        }
        int plane = height * width * channels;
        float[] start = new float[n * plane];
        for (int i = 0; i < n; i++) {
            // Each filter's start depends only on the seed and the filter, whichever filters are searched with it.
            Random random = new Random(settings.seed() * 1_000_003L + filters[i]);
            for (int k = 0; k < plane; k++) {
                // Chollet: tf.random.uniform(minval=0.4, maxval=0.6)
                start[i * plane + k] = 0.4f + 0.2f * random.nextFloat();
            }
        }
        INDArray images = Nd4j.create(start, new long[] {n, height, width, channels}, 'c');
        double[] initial = null;
        for (int step = 0; step < settings.steps(); step++) {
            INDArray input = explainer.toNetwork(images);
            GradientPass pass = GradientPass.forward(explainer.model(), input);
            INDArray seed = null;
            INDArray g = null;
            try {
                INDArray act = pass.activation(node);
                double[] means = filterMeans(act, filters);
                if (initial == null) {
                    initial = means;
                }
                seed = seed(act, filters);
                g = explainer.inputToNhwc(pass.fromNode(node, seed).input());
                for (int i = 0; i < n; i++) {
                    INDArray gi = g.slice(i);
                    INDArray squares = gi.mul(gi);
                    double norm = Math.sqrt(Math.max(squares.sumNumber().doubleValue(), 1e-12));
                    NativeMemory.free(squares);
                    // Chollet: image += learning_rate * tf.math.l2_normalize(grads)
                    images.slice(i).addi(gi.muli(settings.stepSize() / norm));
                }
            } finally {
                // every step's arrays freed at once (30 steps of 64 images make gigabytes otherwise)
                pass.release();
                NativeMemory.free(seed);
                NativeMemory.free(g);
                NativeMemory.free(input);   // toNetwork's copy
            }
        }
        GradientPass last = GradientPass.forward(explainer.model(), explainer.toNetwork(images));
        double[] fin;
        try {
            fin = filterMeans(last.activation(node), filters);
        } finally {
            last.release();
        }
        List<FilterPattern> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new FilterPattern(tap.name(), filters[i], FilterPattern.copyOf(images.slice(i)), initial[i],
                    fin[i]));
        }
        return out;
    }

    /** The mean activation of filter {@code filters[i]} in image i. */
    private double[] filterMeans(INDArray act, int[] filters) {
        INDArray nhwc = Explainer.toNhwc(act, tap);   // a copy, freed below
        try {
            int c = (int) nhwc.size(3);
            double[] means = new double[filters.length];
            for (int i = 0; i < filters.length; i++) {
                if (filters[i] < 0 || filters[i] >= c) {
                    throw new IllegalArgumentException("filter " + filters[i] + " lies outside layer '" + tap.name()
                            + "''s " + c + " filters [0, " + (c - 1) + "]");
                }
                means[i] = nhwc.slice(i).get(NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.point(filters[i])).meanNumber().doubleValue();
            }
            return means;
        } finally {
            NativeMemory.free(nhwc);
        }
    }

    /** d(mean activation of the filter)/d(activation): 1 / (h w) on the filter's channel, in the network's layout. */
    private INDArray seed(INDArray act, int[] filters) {
        INDArray eps = Nd4j.zeros(act.dataType(), act.shape());
        boolean nchw = tap.format() == CNN2DFormat.NCHW;
        long h = nchw ? act.size(2) : act.size(1);
        long w = nchw ? act.size(3) : act.size(2);
        double v = 1.0 / (h * w);
        for (int i = 0; i < filters.length; i++) {
            INDArray plane = nchw
                    ? eps.get(NDArrayIndex.point(i),
                            NDArrayIndex.point(filters[i]),
                            NDArrayIndex.all(), NDArrayIndex.all())
                    : eps.get(NDArrayIndex.point(i),
                            NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.point(filters[i]));
            plane.assign(v);
        }
        return eps;
    }
}
