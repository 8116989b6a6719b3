package io.github.convscope.examples.lecture;

import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.viz.ImageGrid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Step 2: a first look at the data, the first five images of the first training batch with their classes. */
public final class FiveTrainingImages {
    private static final int SHOWN = 5;

    private FiveTrainingImages() {
    }

    /** Draws the first five images of the run's training batches, then resets them. */
    public static void run(LectureRun run) throws IOException {
        ImageGrid grid = firstImages(run.trainBatches(), SHOWN);
        String file = "step2-training-images.png";
        grid.scale(run.settings().pictureScale()).save(run.file(file));
        int shown = (int) Math.min(SHOWN, Math.min(run.settings().batchSize(), run.trainBatches().samples()));
        run.report().paragraph("The first batch of the training iterator (shuffled with seed " + run.settings().seed()
                + "), rescaled to [0, 1], with each image's class.");
        run.report().image(file, "The first " + shown + " training images");
    }

    /**
     * The lecture's {@code plotImages(sample_training_images[:5])}: the first {@code count} images of the next batch,
     * captioned with their classes; resets the iterator, so that training starts a fresh epoch.
     */
    public static ImageGrid firstImages(DirectoryIterator train, int count) {
        DataSet batch = train.next();                // sample_training_images, labels = next(train_data_gen)
        int shown = Math.min(count, batch.numExamples());
        INDArray first = batch.getFeatures().get(NDArrayIndex.interval(0, shown), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());   // NHWC [5, 150, 150, 3], values in [0, 1]
        List<String> names = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            int label = batch.getLabels().getInt(i, 0);
            names.add(train.getLabels().get(label)); // class names in index order: [shirt, tshirt]
        }
        train.reset();                               // fit would otherwise start mid-epoch, after this batch
        return ImageGrid.of(first).captions(names);
    }
}
