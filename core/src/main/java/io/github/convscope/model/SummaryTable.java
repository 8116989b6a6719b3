package io.github.convscope.model;

import java.util.List;
import java.util.Locale;

/** Keras 2's {@code print_summary} for sequential models, reproduced character for character. */
final class SummaryTable {
    /** Keras: line_length 65 and positions [.45, .85, 1.] of it for sequential-like models. */
    static final int LINE_LENGTH = 65;
    private static final int[] POSITIONS = {(int) (LINE_LENGTH * .45), (int) (LINE_LENGTH * .85), LINE_LENGTH};

    private SummaryTable() {
    }

    static String render(String modelName, List<LayerInfo> layers, long trainable, long nonTrainable) {
        StringBuilder out = new StringBuilder();
        out.append("Model: \"").append(modelName).append("\"\n");
        out.append("_".repeat(LINE_LENGTH)).append('\n');
        out.append(row("Layer (type)", "Output Shape", "Param #")).append('\n');
        out.append("=".repeat(LINE_LENGTH)).append('\n');
        for (int i = 0; i < layers.size(); i++) {
            LayerInfo l = layers.get(i);
            out.append(row(l.name() + " (" + l.type() + ")", shape(l.outputShape()), Long.toString(l.params())))
                    .append('\n');
            out.append((i == layers.size() - 1 ? "=" : "_").repeat(LINE_LENGTH)).append('\n');
        }
        out.append("Total params: ").append(grouped(trainable + nonTrainable)).append('\n');
        out.append("Trainable params: ").append(grouped(trainable)).append('\n');
        out.append("Non-trainable params: ").append(grouped(nonTrainable)).append('\n');
        out.append("_".repeat(LINE_LENGTH));
        return out.toString();
    }

    /** Keras print_row: each field cut to its column end; the cell before a field loses its last character. */
    static String row(String... fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.setLength(line.length() - 1);
                line.append(' ');
            }
            line.append(fields[i]);
            if (line.length() > POSITIONS[i]) {
                line.setLength(POSITIONS[i]);
            }
            while (line.length() < POSITIONS[i]) {
                line.append(' ');
            }
        }
        return line.toString();
    }

    /** Python's str() of the output-shape tuple with None for the batch axis: {@code (None, 75, 75, 16)}. */
    static String shape(int[] dims) {
        StringBuilder s = new StringBuilder("(None");
        for (int d : dims) {
            s.append(", ").append(d);
        }
        return s.append(')').toString();
    }

    /** Python's '{:,}' grouping, independent of the JVM locale. */
    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
