package io.github.convscope.examples.lecture;

import io.github.convscope.model.History;
import io.github.convscope.viz.TrainingCurves;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the lecture reports a training run: the curves, the table of every epoch, the gap, the comparison row. */
public final class HistoryReport {
    private HistoryReport() {
    }

    /**
     * Draws the curves of {@code history} as {@code <prefix>-curves.png} and {@code .svg} and adds them and a table
     * of every epoch to the run's report; {@code what} names the model in the caption.
     */
    public static void curvesAndTable(LectureRun run, String prefix, History history, String what)
            throws IOException {
        String png = prefix + "-curves.png";
        String svg = prefix + "-curves.svg";
        TrainingCurves curves = TrainingCurves.of(history);   // accuracy and loss, training vs validation
        curves.save(run.file(png));
        curves.save(run.file(svg));
        run.report().image(png, "Accuracy and loss of " + what + ", training vs validation (also as " + svg + ")");
        List<String> keys = history.keys();                   // loss, accuracy, val_loss, val_accuracy
        List<String> header = new ArrayList<>();
        header.add("epoch");
        header.addAll(keys);
        List<List<?>> rows = new ArrayList<>();
        for (int e = 0; e < history.epochs(); e++) {
            List<Object> row = new ArrayList<>();
            row.add(e + 1);
            for (String k : keys) {
                row.add(format(history.get(k)[e]));
            }
            rows.add(row);
        }
        run.report().table(header, rows);
        run.report().paragraph("Training took " + history.wallTime().toSeconds() + " s for " + history.epochs()
                + " epochs.");
    }

    /** The final training and validation accuracy and the gap between them, as a sentence. */
    public static String gapSentence(History history) {
        double acc = last(history, "accuracy");
        double val = last(history, "val_accuracy");
        return String.format(Locale.ROOT, "After the last epoch: training accuracy %.3f, validation accuracy %.3f "
                + "(a gap of %.3f).", acc, val, acc - val);
    }

    /** A row of the models' comparison: name, final accuracy, final val_accuracy, gap, lowest val_loss. */
    public static List<Object> comparisonRow(TrainedModel trained) {
        History h = trained.history();
        double acc = last(h, "accuracy");
        double val = last(h, "val_accuracy");
        double minLoss = Double.POSITIVE_INFINITY;
        for (double v : h.get("val_loss")) {
            minLoss = Math.min(minLoss, v);
        }
        return List.of(trained.name(), format(acc), format(val), format(acc - val), format(minLoss));
    }

    private static double last(History h, String key) {
        double[] values = h.get(key);                         // history.history['accuracy']
        return values[values.length - 1];
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
