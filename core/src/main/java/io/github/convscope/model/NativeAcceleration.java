package io.github.convscope.model;

/**
 * Configures ND4J/DL4J for the fastest correct CPU execution once per JVM, before any network is built.
 *
 * <p>{@code Sequential} calls {@link #ensureConfigured()}; users of raw DL4J networks may call it too.
 */
public final class NativeAcceleration {
    private static volatile boolean configured;

    private NativeAcceleration() {
    }

    /** Applies the configuration once; later calls return at once. Currently keeps ND4J's defaults. */
    public static void ensureConfigured() {
        if (configured) {
            return;
        }
        synchronized (NativeAcceleration.class) {
            configured = true;
        }
    }
}
