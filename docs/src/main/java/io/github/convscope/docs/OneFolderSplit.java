package io.github.convscope.docs;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.Subset;
import java.nio.file.Path;
import java.util.List;

/** Guide, step 2 aside: training and validation batches from one folder, Keras's {@code validation_split}. */
public final class OneFolderSplit {
    private OneFolderSplit() {
    }

    /**
     * Training and validation subsets of one folder of class folders, Keras's {@code validation_split}: two
     * generators with the same split, only the training one augmenting.
     */
    public static List<DirectoryIterator> splitOneFolder(Path folder, int size, int batchSize, long seed) {
        ImageDataGenerator augmenting = ImageDataGenerator.builder().rescale(1.0 / 255).horizontalFlip(true)
                .validationSplit(0.2).build();
        ImageDataGenerator plain = ImageDataGenerator.builder().rescale(1.0 / 255).validationSplit(0.2).build();
        DirectoryIterator train = augmenting.flowFromDirectory(folder).subset(Subset.TRAINING)
                .targetSize(size, size).batchSize(batchSize).classMode(ClassMode.BINARY).seed(seed).build();
        DirectoryIterator validation = plain.flowFromDirectory(folder).subset(Subset.VALIDATION)
                .targetSize(size, size).batchSize(batchSize).classMode(ClassMode.BINARY).shuffle(false).build();
        return List.of(train, validation);           // validation: the first 20 % of each class's files
    }
}
