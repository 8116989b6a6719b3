package io.github.convscope.docs;

import io.github.convscope.augment.ImageDataGenerator;
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
import io.github.convscope.viz.TrainingCurves;
import java.io.IOException;
import java.nio.file.Path;

/** Guide, step 5: the lecture's model with dropout, trained on augmented images. */
public final class DropoutAndAugmentation {
    private DropoutAndAugmentation() {
    }

    /** The baseline with dropout after the first and third pooling (0.3) and after the dense layer (0.1). */
    public static Sequential withDropout(int size) {
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
                .build();
    }

    /** Trains {@code model} on augmented training images, validates on plain ones, and draws the curves. */
    public static History train(Sequential model, Path root, int batchSize, int epochs, long seed, Path curves)
            throws IOException {
        int size = model.inputShape()[0];
        ImageDataGenerator augmenting = AugmentingImages.lectureAugmentation();
        ImageDataGenerator plain = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        try (DirectoryIterator train = augmenting.flowFromDirectory(root.resolve("train"))
                        .batchSize(batchSize).shuffle(true).seed(seed).targetSize(size, size)
                        .classMode(ClassMode.BINARY).build();
                DirectoryIterator validation = plain.flowFromDirectory(root.resolve("validation"))
                        .batchSize(batchSize).shuffle(false).targetSize(size, size)
                        .classMode(ClassMode.BINARY).build()) {
            History history = model.fit(train, epochs, validation);   // new random transforms every epoch
            TrainingCurves.of(history).save(curves);                 // the gap between the curves narrows
            return history;
        }
    }
}
