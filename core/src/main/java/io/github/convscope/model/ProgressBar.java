package io.github.convscope.model;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress output ({@code Progbar}, TensorFlow 2.0): {@code Epoch 3/15}, then
 * {@code 16/16 [==============================] - 41s 2s/step - loss: 0.4088 - accuracy: 0.8045 - val_loss: ...},
 * with an ETA while the epoch runs. On a terminal the line is redrawn in place; otherwise a line is printed at
 * most every {@link #LOG_INTERVAL_NANOS} plus the final one. Fit adds it for verbose 1 and 2.
 *
 * <pre>{@code
 * model.fit(train, 15, validation, FitOptions.builder().out(System.err).build());
 * }</pre>
 */
final class ProgressBar implements Callback {
    /** Keras: a bar of 30 characters. */
    static final int WIDTH = 30;
    /** Keras redraws at most every 0.05 s. */
    static final long TERMINAL_INTERVAL_NANOS = 50_000_000L;
    /** Without a terminal, one intermediate line per 10 s at most. */
    static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final PrintStream out;
    private final int verbose;
    private final boolean terminal;
    private long epochStart;
    private long lastUpdate;
    private int lastWidth;

    ProgressBar(PrintStream out, int verbose, boolean terminal) {
        this.out = out;
        this.verbose = verbose;
        this.terminal = terminal;
    }

    @Override
    public void onEpochBegin(TrainingContext context, int epoch) {
        out.println("Epoch " + (epoch + 1) + "/" + context.epochs());
        out.flush();
        epochStart = System.nanoTime();
        lastUpdate = epochStart;
        lastWidth = 0;
    }

    @Override
    public void onBatchEnd(TrainingContext context, int batch, Map<String, Double> logs) {
        int steps = context.steps();
        int current = batch + 1;
        if (verbose != 1 || (steps > 0 && current >= steps)) {
            return; // Keras draws the last step at epoch end, with the validation values
        }
        long now = System.nanoTime();
        if (now - lastUpdate < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
            return;
        }
        lastUpdate = now;
        emit(line(current, steps, logs, now, false), false);
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
        long now = System.nanoTime();
        int steps = context.steps();
        if (verbose == 2) {
            out.println(counter(steps, steps) + " - " + round0((now - epochStart) / 1e9) + "s" + values(logs));
            out.flush();
            return;
        }
        emit(line(steps, steps, logs, now, true), true);
    }

    private void emit(String line, boolean last) {
        if (terminal) {
            StringBuilder s = new StringBuilder("\r").append(line);
            // clear what is left of a longer previous line
            s.append(" ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            out.print(s);
            if (last) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Keras Progbar.update for verbose 1. */
    String line(int current, int steps, Map<String, Double> logs, long now, boolean last) {
        StringBuilder bar = new StringBuilder();
        double elapsed = (now - epochStart) / 1e9;
        double perStep = current > 0 ? elapsed / current : 0;
        if (steps > 0) {
            bar.append(counter(current, steps)).append(" [");
            int progWidth = (int) (WIDTH * ((double) current / steps));
            if (progWidth > 0) {
                bar.append("=".repeat(progWidth - 1)).append(current < steps ? '>' : '=');
            }
            bar.append(".".repeat(WIDTH - progWidth)).append(']');
        } else {
            bar.append(String.format(Locale.ROOT, "%7d/Unknown", current));
        }
        if (steps > 0 && current < steps && !last) {
            double eta = perStep * (steps - current);
            bar.append(" - ETA: ").append(eta(eta));
        } else {
            bar.append(" - ").append(round0(elapsed)).append('s');
            if (perStep >= 1 || perStep == 0) {
                bar.append(' ').append(round0(perStep)).append("s/step");
            } else if (perStep >= 1e-3) {
                bar.append(' ').append(round0(perStep * 1e3)).append("ms/step");
            } else {
                bar.append(' ').append(round0(perStep * 1e6)).append("us/step");
            }
        }
        return bar.append(values(logs)).toString();
    }

    private static String counter(int current, int steps) {
        int digits = (int) Math.log10(Math.max(1, steps)) + 1;
        return String.format(Locale.ROOT, "%" + digits + "d/%d", current, steps);
    }

    /** Keras: h:mm:ss above an hour, m:ss above a minute, else whole seconds (truncated). */
    static String eta(double seconds) {
        long s = (long) seconds;
        if (seconds > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (seconds > 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    /** Keras: ' - key: %.4f', or %.4e for magnitudes up to 1e-3. */
    static String values(Map<String, Double> logs) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            double v = e.getValue();
            s.append(" - ").append(e.getKey()).append(": ");
            if (Math.abs(v) > 1e-3 || Double.isNaN(v) || Double.isInfinite(v)) {
                s.append(Double.isFinite(v) ? new BigDecimal(v).setScale(4, RoundingMode.HALF_EVEN).toPlainString()
                        : Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf");
            } else {
                s.append(String.format(Locale.ROOT, "%.4e", v));
            }
        }
        return s.toString();
    }

    /** Python's '%.0f': the exact binary value rounded half to even. */
    static String round0(double v) {
        return new BigDecimal(v).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }
}
