package io.github.convscope.examples.bench;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.examples.dataset.BundledDataset;
import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Dropout;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How long the lecture's heavier fit waits for its batches: the model with dropout, trained for {@code --epochs N}
 * (default 1) on the bundled training images with the lecture's augmentation (rescale 1/255, rotation 45, shifts
 * 0.15, horizontal flip, zoom 0.5), 150x150, batch 128, as the lecture's step 5 does. {@code Sequential.fit} logs,
 * per epoch, the seconds its loop waited on the iterator against the epoch's training time (SLF4J, INFO).
 */
public final class FitWaitBenchmark {
    private FitWaitBenchmark() {
    }

    /** Runs the measurement; {@code --epochs N} sets the number of epochs. */
    public static void main(String[] args) throws IOException {
        int epochs = args.length == 2 && args[0].equals("--epochs") ? Integer.parseInt(args[1]) : 1;
        Path train = BundledDataset.path().resolve("train");
        DirectoryIterator it = ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(45).widthShiftRange(0.15)
                .heightShiftRange(0.15).horizontalFlip(true).zoomRange(0.5).build()
                .flowFromDirectory(train).targetSize(150, 150).batchSize(128).classMode(ClassMode.BINARY)
                .shuffle(true).seed(1).build();
        Sequential model = Sequential.builder().inputShape(150, 150, 3)
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Dropout.of(0.3))
                .add(Conv2D.of(32, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Conv2D.of(64, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Dropout.of(0.3))
                .add(Flatten.of()).add(Dense.of(512).activation(Activation.RELU)).add(Dropout.of(0.1))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).seed(1).build();
        System.out.println(BenchSupport.load());
        model.fit(it, epochs, null, FitOptions.builder().verbose(2).build());
        System.out.println(BenchSupport.load());
    }
}
