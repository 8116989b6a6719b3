package io.github.convscope.docs;

import io.github.convscope.viz.HtmlReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Guide, step 8: one offline page with the run's text, tables and pictures. */
public final class WritingTheReport {
    private WritingTheReport() {
    }

    /** Writes {@code out/index.html} around a curves picture that is already in {@code out}. */
    public static Path write(Path out, String summary, List<List<Object>> epochs) throws IOException {
        HtmlReport report = HtmlReport.builder("My first ConvScope run")
                .section("The model")
                .preformatted(summary)
                .section("Training")
                .image("curves.png", "Accuracy and loss, training vs validation")
                .table(List.of("epoch", "accuracy", "val_accuracy"), epochs)
                .section("Settings")
                .keyValues(Map.of("seed", 1))
                .build();
        return report.write(out);                   // out/index.html, images referenced by relative name
    }
}
