package io.github.convscope.model.callbacks;

import io.github.convscope.model.Callback;
import io.github.convscope.model.TrainingContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keras {@code CSVLogger}: one row per epoch, columns {@code epoch} (from 0) and the log keys sorted by name.
 * It replaces an existing file only if that file is a log it wrote (its header starts with {@code epoch}); with
 * {@code append} it adds rows to it instead.
 *
 * <pre>{@code
 * model.fit(train, 15, validation, CsvLogger.of(out.resolve("training.csv")));
 * }</pre>
 */
public final class CsvLogger implements Callback {
    private final Path path;
    private final boolean append;
    private List<String> keys;

    private CsvLogger(Path path, boolean append) {
        if (path == null) {
            throw new IllegalArgumentException("CsvLogger path must not be null");
        }
        this.path = path;
        this.append = append;
    }

    /** A logger that starts a new file at {@code path}. */
    public static CsvLogger of(Path path) {
        return new CsvLogger(path, false);
    }

    /** A logger that appends to {@code path} if it already holds a log (Keras {@code append=True}). */
    public static CsvLogger appending(Path path) {
        return new CsvLogger(path, true);
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        keys = null;
        try {
            if (Files.exists(path)) {
                List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
                if (!lines.isEmpty() && !lines.get(0).startsWith("epoch")) {
                    throw new IllegalStateException("CsvLogger refuses to overwrite " + path.toAbsolutePath()
                            + ": it is not a training log; choose another path");
                }
                if (append && !lines.isEmpty()) {
                    List<String> header = List.of(lines.get(0).split(","));
                    keys = new ArrayList<>(header.subList(1, header.size()));
                    return;
                }
            }
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(path, "", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger cannot write " + path.toAbsolutePath(), e);
        }
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            if (keys == null) {
                // Keras CSVLogger: fieldnames = ['epoch'] + sorted(logs.keys())
                keys = new ArrayList<>(logs.keySet());
                Collections.sort(keys);
                w.write("epoch," + String.join(",", keys) + "\n");
            }
            StringBuilder row = new StringBuilder(Integer.toString(epoch));
            for (String k : keys) {
                Double v = logs.get(k);
                row.append(',').append(v == null ? "NA" : pythonRepr(v));
            }
            w.write(row.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException("CsvLogger cannot write " + path.toAbsolutePath(), e);
        }
    }

    /** Python's repr(float): shortest digits, fixed notation for 1e-4 <= |v| < 1e16, else d.ddde-05. */
    static String pythonRepr(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e16) {
            String s = d.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
}
