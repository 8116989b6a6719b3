package io.github.convscope.docs;

import io.github.convscope.data.DirectoryIterator;
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
import io.github.convscope.viz.TrainingCurves;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Guide, step 3: the lecture's three-block CNN, its summary, training with validation, and its curves. */
public final class TheBaselineModel {
    /** The lecture's number of epochs. */
    public static final int EPOCHS = 15;

    private TheBaselineModel() {
    }

    /** The lecture's first model for {@code size x size} RGB images, compiled; prints its Keras summary. */
    public static Sequential baseline(int size) {
        Sequential model = Sequential.builder()
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
                .build();
        System.out.println(model.summary());        // at 150x150: "Total params: 10,641,441"
        return model;
    }

    /** Trains {@code model} for {@code epochs} epochs, validating after each, and draws the curves into {@code curves}. */
    public static History train(Sequential model, DirectoryIterator train, DirectoryIterator validation, int epochs,
            Path curves) throws IOException {
        History history = model.fit(train, epochs, validation);   // a Keras progress bar per epoch
        double[] acc = history.get("accuracy");                    // history.history['accuracy']
        double[] valAcc = history.get("val_accuracy");
        int last = history.epochs() - 1;
        System.out.printf(Locale.ROOT, "accuracy %.3f, val_accuracy %.3f%n", acc[last], valAcc[last]);
        TrainingCurves.of(history).save(curves);   // accuracy and loss, training (dots) vs validation (line)
        return history;
    }
}
