package io.github.convscope.docs;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.Subset;
import io.github.convscope.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Guide, step 2: batches of rescaled images from the class folders, and a first look at five of them. */
public final class ReadingTheImages {
    /** The lecture's image size: every image is resized to 150x150 pixels. */
    public static final int IMAGE_SIZE = 150;
    /** The lecture's batch size. */
    public static final int BATCH_SIZE = 128;

    private ReadingTheImages() {
    }

    /** The lecture's {@code train_data_gen}: shuffled training batches, rescaled to [0, 1], with binary labels. */
    public static DirectoryIterator trainingBatches(Path root, int size, int batchSize, long seed) {
        ImageDataGenerator trainImageGenerator = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        return trainImageGenerator.flowFromDirectory(root.resolve("train"))
                .batchSize(batchSize)                // batch_size=128
                .shuffle(true)
                .seed(seed)                          // without one, each run shuffles differently
                .targetSize(size, size)              // target_size=(150, 150)
                .classMode(ClassMode.BINARY)         // labels 0/1 for one sigmoid output
                .build();                            // logs "Found 2000 images belonging to 2 classes."
    }

    /** The lecture's {@code val_data_gen}: the validation images, rescaled, in file order. */
    public static DirectoryIterator validationBatches(Path root, int size, int batchSize) {
        ImageDataGenerator validationImageGenerator = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        return validationImageGenerator.flowFromDirectory(root.resolve("validation"))
                .batchSize(batchSize)
                .shuffle(false)                      // the order cannot change the validation metrics
                .targetSize(size, size)
                .classMode(ClassMode.BINARY)
                .build();                            // logs "Found 1000 images belonging to 2 classes."
    }

    /** The lecture's {@code plotImages(sample_training_images[:5])}: the first five images of a batch, captioned. */
    public static Path firstFiveImages(DirectoryIterator train, Path out) throws IOException {
        DataSet batch = train.next();                // sample_training_images, labels = next(train_data_gen)
        INDArray firstFive = batch.getFeatures().get(NDArrayIndex.interval(0, 5), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());   // NHWC [5, 150, 150, 3], values in [0, 1]
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int label = batch.getLabels().getInt(i, 0);
            names.add(train.getLabels().get(label)); // class names in index order: [shirt, tshirt]
        }
        train.reset();                               // fit would otherwise start mid-epoch, after this batch
        return ImageGrid.of(firstFive).captions(names).save(out.resolve("first-five.png"));
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
