package org.nd4j.nativeblas;

import io.github.convscope.backend.NativeAcceleration;

/**
 * Work-around for an upstream defect, used only by {@link NativeAcceleration}: lets DL4J 1.0.0-M2.1 find out whether
 * oneDNN may be used.
 *
 * <p>DL4J's {@code BaseMKLDNNHelper.mklDnnEnabled()} (called by the oneDNN convolution, pooling, batch-normalization
 * and LRN helpers when a layer picks its helper) loads {@code org.nd4j.nativeblas.Nd4jCpu$Environment} reflectively
 * and calls {@code getInstance()} and {@code isUseMKLDNN()}. ND4J 1.0.0-M2.1 moved that class to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment} and renamed the method {@code isUseONEDNN()},
 * so the lookup always fails and DL4J never uses its oneDNN helpers, even with a oneDNN build of ND4J. This class
 * answers that lookup: it says yes only on a thread inside {@link NativeAcceleration}'s network initialisation and
 * only when the real binding says oneDNN is on, so networks that ConvScope does not set up keep DL4J's behaviour.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The shape DL4J's reflective lookup expects: {@code getInstance()} and {@code isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        /** The single instance, as in the moved ND4J class. */
        public static Environment getInstance() {
            return INSTANCE;
        }

        /** True when the current thread is choosing helpers for ConvScope and ND4J's oneDNN switch is on. */
        public boolean isUseMKLDNN() {
            return NativeAcceleration.isChoosingHelpers() && oneDnnSwitchOn();
        }

        /** ND4J's own switch, {@code Nd4jCpu.Environment.getInstance().isUseONEDNN()} at its new place. */
        static boolean oneDnnSwitchOn() {
            try {
                Class<?> moved = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object environment = moved.getMethod("getInstance").invoke(null);
                return (Boolean) moved.getMethod("isUseONEDNN").invoke(environment);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
