package io.github.convscope.model;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@link Sequential#fit(org.nd4j.linalg.dataset.api.iterator.DataSetIterator, int,
 * org.nd4j.linalg.dataset.api.iterator.DataSetIterator, FitOptions)}: callbacks, Keras's {@code verbose}
 * (0 silent, 1 progress bar, 2 one line per epoch) and where the progress goes.
 *
 * <pre>{@code
 * FitOptions options = FitOptions.builder().verbose(0).callbacks(CsvLogger.of(path)).build();
 * }</pre>
 */
public final class FitOptions {
    private final List<Callback> callbacks;
    private final int verbose;
    private final PrintStream out;
    private final Boolean terminal;

    private FitOptions(Builder b) {
        this.callbacks = List.copyOf(b.callbacks);
        this.verbose = b.verbose;
        this.out = b.out;
        this.terminal = b.terminal;
    }

    /** Progress bar on standard output, no callbacks. */
    public static FitOptions defaults() {
        return builder().build();
    }

    /** A builder with Keras's defaults (verbose 1). */
    public static Builder builder() {
        return new Builder();
    }

    /** The user's callbacks, in order. */
    public List<Callback> callbacks() {
        return callbacks;
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch. */
    public int verbose() {
        return verbose;
    }

    /** Where progress is printed. */
    public PrintStream out() {
        return out;
    }

    /** Whether to redraw in place; by default, whether the JVM has a console. */
    public boolean terminal() {
        return terminal != null ? terminal : System.console() != null;
    }

    /** A copy of these options with {@code more} callbacks called after this one's. */
    public FitOptions withCallbacks(Callback... more) {
        Builder b = builder().verbose(verbose).out(out).callbacks(callbacks.toArray(new Callback[0])).callbacks(more);
        if (terminal != null) {
            b.terminal(terminal);
        }
        return b.build();
    }

    /** Builds {@link FitOptions}. */
    public static final class Builder {
        private final List<Callback> callbacks = new ArrayList<>();
        private int verbose = 1;
        private PrintStream out = System.out;
        private Boolean terminal;

        private Builder() {
        }

        /** Adds callbacks, called in the order given. */
        public Builder callbacks(Callback... values) {
            for (Callback c : values) {
                if (c == null) {
                    throw new IllegalArgumentException("callbacks must not be null");
                }
                callbacks.add(c);
            }
            return this;
        }

        /** Keras's verbose: 0 silent, 1 progress bar (default), 2 one line per epoch. */
        public Builder verbose(int value) {
            this.verbose = value;
            return this;
        }

        /** Where the progress goes (standard output by default). */
        public Builder out(PrintStream value) {
            this.out = value;
            return this;
        }

        /** Forces in-place redrawing on or off (default: on when System.console() exists). */
        public Builder terminal(boolean value) {
            this.terminal = value;
            return this;
        }

        /** Validates and builds. */
        public FitOptions build() {
            if (verbose < 0 || verbose > 2) {
                throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
            }
            if (out == null) {
                throw new IllegalArgumentException("out must not be null");
            }
            return new FitOptions(this);
        }
    }
}
