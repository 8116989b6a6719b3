package io.github.convscope.examples.lecture;

import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Dropout;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Step 5: the lecture's model with dropout, trained on augmented images, compared with the baseline. */
public final class DropoutAndAugmentation {
    /** The model's name in the report and on the run. */
    public static final String NAME = "dropout + augmentation";

    private DropoutAndAugmentation() {
    }

    /** Trains the dropout model on augmented batches, keeps it, and compares it with the baseline. */
    public static void run(LectureRun run) throws IOException {
        LectureSettings s = run.settings();
        History history;
        Sequential model;
        try (DirectoryIterator train = augmentedBatches(s.dataset(), s.imageSize(), s.batchSize(), s.seed())) {
            run.out().println(TheData.found(train));
            model = withDropout(s.imageSize(), s.seed());
            run.out().println(model.summary());
            run.report().paragraph("The same network with Dropout(0.3) after the first and third pooling layers and "
                    + "Dropout(0.1) after the dense layer, trained on augmented batches (rescale 1/255, rotationRange "
                    + "45, widthShiftRange 0.15, heightShiftRange 0.15, horizontalFlip, zoomRange 0.5).");
            run.report().preformatted(model.summary());
            history = model.fit(train, s.epochs(), run.validationBatches(), run.progress());
        }
        run.keep(new TrainedModel(NAME, model, history));
        model.releaseOptimizerState();
        HistoryReport.curvesAndTable(run, "step5", history, "the model with dropout, on augmented data");
        run.report().paragraph(HistoryReport.gapSentence(history));
        run.report().subheading("Both models side by side");
        run.report().table(List.of("model", "final accuracy", "final val_accuracy", "gap", "lowest val_loss"),
                run.trained().stream().map(HistoryReport::comparisonRow).toList());
    }

    /** The baseline with dropout after the first and third pooling (0.3) and after the dense layer (0.1). */
    public static Sequential withDropout(int size, long seed) {
        return Sequential.builder()
                .inputShape(size, size, 3)
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Dropout.of(0.3))                // drops 30 % of the activations while training
                .add(Conv2D.of(32, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Conv2D.of(64, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Dropout.of(0.3))
                .add(Flatten.of())
                .add(Dense.of(512).activation(Activation.RELU))
                .add(Dropout.of(0.1))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
                .seed(seed)
                .build();
    }

    /** Training batches of {@code root/train} with the lecture's augmentation: new random transforms every epoch. */
    public static DirectoryIterator augmentedBatches(Path root, int size, int batchSize, long seed) {
        return Augmentation.lectureAugmentation().flowFromDirectory(root.resolve("train"))
                .batchSize(batchSize)
                .shuffle(true)
                .seed(seed)
                .targetSize(size, size)
                .classMode(ClassMode.BINARY)
                .build();
    }
}
