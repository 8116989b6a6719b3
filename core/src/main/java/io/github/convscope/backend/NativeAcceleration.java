package io.github.convscope.backend;

import java.util.Locale;
import java.util.function.ToLongFunction;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the fastest correct CPU execution for ConvScope's networks: convolutions as DL4J custom layers
 * ({@link NativeConvolution}) whose forward and backward passes call libnd4j's {@code conv2d} / {@code conv2d_bp}
 * operations, which a oneDNN build of ND4J runs on oneDNN, in NHWC (the iterators' layout, so no copy per batch).
 * Pooling is DL4J's own layer (which calls libnd4j's {@code maxpool2d} / {@code avgpool2d}), except that 2x2 max
 * pooling keeps its maxima's positions for the backward pass ({@link ArgmaxPooling}). Dense layers (not the output
 * layer) multiply through libnd4j's {@code matmul}, which runs on oneDNN ({@link NativeDense}).
 *
 * <pre>{@code
 * Layer conv = NativeAcceleration.convolution(new ConvolutionLayer.Builder(3, 3).nOut(16).dataFormat(NHWC));
 * int fast = NativeAcceleration.nativeLayersInUse(model.network());
 * }</pre>
 *
 * <p>Nothing outside DL4J's custom-layer API is used: no class in ND4J's packages, no system property changed, no
 * DL4J layer helper. The fast path is used when ND4J's CPU backend is a oneDNN build ({@code HAVE_ONEDNN} in its
 * build info; ConvScope depends on the {@code linux-x86_64-onednn} natives on Linux x86-64) and {@value #PROPERTY}
 * is not {@code false}; elsewhere (other platforms, the CUDA backend, the property off) convolutions are DL4J's
 * plain {@link ConvolutionLayer}, which gives the same numbers.
 */
public final class NativeAcceleration {
    /** System property that turns the fast path off: {@code -Dconvscope.acceleration=false}. */
    public static final String PROPERTY = "convscope.acceleration";

    private static final Logger LOG = LoggerFactory.getLogger(NativeAcceleration.class);
    private static volatile Boolean available;

    private NativeAcceleration() {
    }

    /** Decides once per JVM whether the fast path is available and logs the decision; later calls return at once. */
    public static void ensureConfigured() {
        isEnabled();
    }

    /**
     * True when new networks get {@link NativeConvolution} layers: ND4J's CPU backend is a oneDNN build and
     * {@value #PROPERTY} is not {@code false} (read at each call, so a test or a user can turn it off per model).
     */
    public static boolean isEnabled() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return false;
        }
        return oneDnnBuild();
    }

    /** The layout of new networks: NHWC on both paths (the iterators' layout, so batches are used without a copy). */
    public static CNN2DFormat trainingFormat() {
        return CNN2DFormat.NHWC;
    }

    /**
     * The convolution {@code builder} describes: a {@link NativeConvolution} on the fast path, DL4J's plain
     * {@link ConvolutionLayer} otherwise. Both have the same parameters, initialisers and JSON settings.
     */
    public static ConvolutionLayer convolution(ConvolutionLayer.Builder builder) {
        return isEnabled() ? NativeConvolution.of(builder) : builder.build();
    }

    /**
     * The dense layer {@code builder} describes: a {@link NativeDense} on the fast path (libnd4j's {@code matmul}, on
     * oneDNN), DL4J's plain {@link DenseLayer} otherwise. Both have the same parameters, initialisers and JSON
     * settings.
     */
    public static DenseLayer dense(DenseLayer.Builder builder) {
        return isEnabled() ? NativeDense.of(builder) : builder.build();
    }

    /**
     * How many forward and backward passes the dense layers of {@code network} have computed through libnd4j's
     * {@code matmul} since they were created (proof that the dense layers take the fast path).
     */
    public static long nativeDensePasses(MultiLayerNetwork network) {
        return sum(network, l -> l instanceof NativeDenseLayer d ? d.nativePasses() : 0);
    }

    private static long sum(MultiLayerNetwork network, ToLongFunction<Layer> count) {
        long n = 0;
        for (Layer layer : network.getLayers()) {
            n += count.applyAsLong(layer);
        }
        return n;
    }

    /**
     * The pooling {@code builder} describes: an {@link ArgmaxPooling} on the fast path (which keeps the maxima's
     * positions for the backward pass of 2x2 max pooling), DL4J's plain {@link SubsamplingLayer} otherwise.
     */
    public static SubsamplingLayer pooling(SubsamplingLayer.Builder builder) {
        return isEnabled() ? ArgmaxPooling.of(builder) : builder.build();
    }

    /** How many layers of {@code network} run on libnd4j's convolution operations; 0 on DL4J's plain path. */
    public static int nativeLayersInUse(MultiLayerNetwork network) {
        int n = 0;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof NativeConvolutionLayer) {
                n++;
            }
        }
        return n;
    }

    /**
     * How many forward and backward passes the layers of {@code network} have run through libnd4j's convolution
     * operations since they were created (proof that training really takes the fast path).
     */
    public static long nativePasses(MultiLayerNetwork network) {
        return sum(network, l -> l instanceof NativeConvolutionLayer c ? c.nativePasses() : 0);
    }

    private static boolean oneDnnBuild() {
        Boolean a = available;
        if (a == null) {
            synchronized (NativeAcceleration.class) {
                a = available;
                if (a == null) {
                    a = probe();
                    available = a;
                }
            }
        }
        return a;
    }

    private static boolean probe() {
        try {
            String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend", "");
            if (!"CPU".equalsIgnoreCase(backend)) {
                LOG.info("ND4J backend {}: ConvScope uses DL4J's own convolution layers", backend);
                return false;
            }
            String build = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            boolean oneDnn = build != null && build.contains("HAVE_ONEDNN");
            if (oneDnn) {
                LOG.info("ND4J CPU backend with oneDNN: ConvScope runs convolutions through libnd4j's conv2d "
                        + "operations on oneDNN, NHWC (-D{}=false turns this off)", PROPERTY);
            } else {
                LOG.info("ND4J CPU backend without oneDNN (the {} natives are not on the class path): ConvScope uses "
                        + "DL4J's plain convolution layers", platformHint());
            }
            return oneDnn;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot tell whether ND4J has oneDNN, using DL4J's plain convolution layers: {}", e.toString());
            return false;
        }
    }

    private static String platformHint() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")) ? "linux-x86_64-onednn"
                : "oneDNN";
    }
}
