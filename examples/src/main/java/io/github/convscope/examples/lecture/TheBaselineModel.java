package io.github.convscope.examples.lecture;

import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.io.IOException;

/** Step 3: the lecture's three-block CNN, its summary, training with validation, and how it over-fits. */
public final class TheBaselineModel {
    /** The baseline's name in the report and on the run. */
    public static final String NAME = "baseline";

    private TheBaselineModel() {
    }

    /** Trains the baseline on the run's batches, keeps it on the run, and reports its curves. */
    public static void run(LectureRun run) throws IOException {
        Sequential model = baseline(run.settings().imageSize(), run.settings().seed());
        run.out().println(model.summary());
        run.report().preformatted(model.summary());
        History history = model.fit(run.trainBatches(), run.settings().epochs(), run.validationBatches(),
                run.progress());
        run.keep(new TrainedModel(NAME, model, history));
        model.releaseOptimizerState();   // trained for good: Adam's moments (85 MB) go back
        run.closeTrainBatches();         // step 5 trains on augmented batches of its own
        HistoryReport.curvesAndTable(run, "step3", history, "the baseline model");
        run.report().paragraph(HistoryReport.gapSentence(history));
    }

    /** The lecture's first model for {@code size x size} RGB images, compiled, its weights drawn from {@code seed}. */
    public static Sequential baseline(int size, long seed) {
        return Sequential.builder()
                .inputShape(size, size, 3)
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(32, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(64, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(512).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
                .seed(seed)                          // the same weights every run
                .build();                            // at 150x150, summary() says "Total params: 10,641,441"
    }
}
