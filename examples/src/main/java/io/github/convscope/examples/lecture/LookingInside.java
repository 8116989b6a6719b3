package io.github.convscope.examples.lecture;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.backend.NativeMemory;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import io.github.convscope.inspect.ActivationExtractor;
import io.github.convscope.inspect.ActivationModel;
import io.github.convscope.inspect.FeatureMap;
import io.github.convscope.model.Sequential;
import io.github.convscope.viz.ChannelView;
import io.github.convscope.viz.FeatureMapGrid;
import io.github.convscope.viz.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Step 6: what every layer of the last trained model sees in the first validation image. */
public final class LookingInside {
    private LookingInside() {
    }

    /** Draws the activations of every layer of the last trained model for the first validation image. */
    public static void run(LectureRun run) throws IOException {
        // The lecture trains and predicts in batches no more after step 5 (what follows explains images with passes of
        // its own): DL4J's workspaces (every layer's activations at batch 128 for training, and two that hold one
        // layer's activations or gradients at a time, 727 MB for these models) go back now instead of at the end.
        NativeMemory.releaseWorkspaces();
        Sequential model = run.lastTrained().model();
        Path imageFile = run.validationBatches().filepaths().get(0);
        INDArray input = inputBatch(model, imageFile);
        ActivationModel activationModel = ActivationExtractor.of(model).build();   // conv2d .. last image layer
        List<FeatureMap> activations = activationModel.predict(input);              // one map per layer
        String inputFile = "step6-input.png";
        ImageGrid.of(input).scale(run.settings().pictureScale()).save(run.file(inputFile));
        run.report().paragraph("The activation model has one output per layer from the first convolution to the "
                + "last layer before Flatten: " + String.join(", ", activationModel.layerNames()) + ". Its input is "
                + "one validation image: " + run.settings().validationDir().relativize(imageFile) + ".");
        run.report().image(inputFile, "The input image");
        FeatureMap firstLayer = activations.get(0);                                 // conv2d: [1, 150, 150, 16]
        for (int channel : new int[] {3, 15}) {
            int c = Math.min(channel, firstLayer.channels() - 1);
            String file = "step6-" + firstLayer.layerName() + "-channel" + c + ".png";
            ChannelView.of(firstLayer, 0, c).save(run.file(file));                 // plt.matshow(..., 'viridis')
            run.report().image(file, firstLayer.layerName() + ", channel " + c + " (viridis)");
        }
        run.report().subheading("Every channel of every layer");
        for (FeatureMap map : activations) {
            if (!map.isSpatial()) {
                continue;
            }
            String file = "maps/" + map.layerName() + ".png";
            FeatureMapGrid.of(map).imagesPerRow(FeatureMapGrid.DEFAULT_IMAGES_PER_ROW).save(run.file(file));
            run.report().image(file, map.layerName() + " (" + map.layerType() + "), " + map.channels()
                    + " channels of " + map.height() + "x" + map.width());
        }
    }

    /** The image as the model takes it: loaded, rescaled like the validation batches, as an NHWC batch of one. */
    public static INDArray inputBatch(Sequential model, Path imageFile) {
        int[] shape = model.inputShape();            // {150, 150, 3}
        FloatImage image = ImageLoader.builder().targetSize(shape[0], shape[1]).build().load(imageFile);
        ImageDataGenerator plain = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        FloatImage rescaled = plain.standardize(image);   // img_tensor /= 255.
        return Nd4j.create(rescaled.data(), new long[] {1, shape[0], shape[1], shape[2]}, 'c');   // expand_dims
    }
}
