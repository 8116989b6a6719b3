package io.github.convscope.backend;

import java.util.Locale;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the fastest correct CPU execution for the networks behind {@code Sequential}: DL4J's oneDNN layer helpers
 * on a oneDNN build of ND4J, with the network in NCHW.
 *
 * <p>Why this is needed, in DL4J/ND4J 1.0.0-M2.1:
 * <ul>
 *   <li>Layer helpers are off unless the system property {@value #HELPERS_DISABLE} is {@code false} (DL4J reads it
 *       with the default {@code true}).</li>
 *   <li>Even then the oneDNN helpers never switch on: DL4J asks a class that ND4J moved (see
 *       {@link org.nd4j.nativeblas.Nd4jCpu}, the small shim that answers for it while this class initialises a
 *       network).</li>
 *   <li>With helpers on, oneDNN's NHWC convolution gives wrong weight gradients (its NCHW path matches the plain
 *       path and finite differences; {@code NativeAccelerationTest} checks both), so accelerated networks are built
 *       NCHW and each NHWC batch is converted once, inside {@code Sequential}.</li>
 * </ul>
 *
 * <p>The fast path is used when ND4J's CPU backend is a oneDNN build ({@code HAVE_ONEDNN} in its build info; ConvScope
 * depends on the {@code linux-x86_64-onednn} natives on Linux x86-64), the user has not set {@value #HELPERS_DISABLE}
 * to {@code true}, and {@value #PROPERTY} is not {@code false}. Everywhere else (other platforms, the CUDA backend,
 * the property off) networks are built NHWC on DL4J's plain path, which gives the same numbers.
 */
public final class NativeAcceleration {
    /** System property that turns the fast path off: {@code -Dconvscope.acceleration=false}. */
    public static final String PROPERTY = "convscope.acceleration";
    /** DL4J's switch for layer helpers (read by {@code HelperUtils.createHelper}; default {@code true}). */
    public static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

    private static final Logger LOG = LoggerFactory.getLogger(NativeAcceleration.class);
    private static final ThreadLocal<Boolean> CHOOSING = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile Boolean available;

    private NativeAcceleration() {
    }

    /** Decides once per JVM whether the fast path is available and logs the decision; later calls return at once. */
    public static void ensureConfigured() {
        isEnabled();
    }

    /**
     * True when networks built by {@code Sequential} use oneDNN (a oneDNN build of ND4J's CPU backend is loaded,
     * and neither {@value #PROPERTY} nor DL4J's {@value #HELPERS_DISABLE} turns it off).
     */
    public static boolean isEnabled() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())
                || "true".equalsIgnoreCase(System.getProperty(HELPERS_DISABLE, "").trim())) {
            return false;
        }
        return oneDnnBuild();
    }

    /** The layout new {@code Sequential} networks use: NCHW on the fast path, NHWC (no conversion) otherwise. */
    public static CNN2DFormat trainingFormat() {
        return isEnabled() ? CNN2DFormat.NCHW : NetworkLayout.DEFAULT;
    }

    /**
     * Whether the current thread is inside {@link #initialize}, choosing layer helpers. Only the DL4J lookup shim
     * {@link org.nd4j.nativeblas.Nd4jCpu.Environment#isUseMKLDNN()} asks this.
     */
    public static boolean isChoosingHelpers() {
        return CHOOSING.get();
    }

    /**
     * How many layers of {@code network} run on a layer helper (oneDNN on CPU); 0 on DL4J's plain path.
     */
    public static int helpersInUse(MultiLayerNetwork network) {
        int n = 0;
        for (Layer layer : network.getLayers()) {
            if (layer.getHelper() != null) {
                n++;
            }
        }
        return n;
    }

    /** Initialises {@code network} (DL4J's {@code init()}), with oneDNN helpers when enabled and the layout is NCHW. */
    public static void initialize(MultiLayerNetwork network, CNN2DFormat format) {
        choosingHelpers(format, () -> {
            network.init();
            return network;
        });
    }

    /**
     * Runs {@code action} (which creates or restores DL4J layers) so that its layers pick oneDNN helpers when the
     * fast path is enabled and {@code format} is NCHW; otherwise runs it unchanged.
     */
    public static <T> T choosingHelpers(CNN2DFormat format, Supplier<T> action) {
        if (format != CNN2DFormat.NCHW || !isEnabled()) {
            return action.get();
        }
        synchronized (NativeAcceleration.class) {
            String previous = System.getProperty(HELPERS_DISABLE);
            System.setProperty(HELPERS_DISABLE, "false");
            CHOOSING.set(Boolean.TRUE);
            try {
                return action.get();
            } finally {
                CHOOSING.set(Boolean.FALSE);
                if (previous == null) {
                    System.clearProperty(HELPERS_DISABLE);
                } else {
                    System.setProperty(HELPERS_DISABLE, previous);
                }
            }
        }
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
                LOG.info("ND4J backend {}: ConvScope leaves DL4J's layer helpers as configured", backend);
                return false;
            }
            String build = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            boolean oneDnn = build != null && build.contains("HAVE_ONEDNN");
            if (oneDnn) {
                LOG.info("ND4J CPU backend with oneDNN: ConvScope trains in NCHW on DL4J's oneDNN helpers "
                        + "(-D{}=false turns this off)", PROPERTY);
            } else {
                LOG.info("ND4J CPU backend without oneDNN (the {} natives are not on the class path): ConvScope uses "
                        + "DL4J's plain path", platformHint());
            }
            return oneDnn;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot tell whether ND4J has oneDNN, using DL4J's plain path: {}", e.toString());
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
