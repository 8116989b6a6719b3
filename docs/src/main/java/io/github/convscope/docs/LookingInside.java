package io.github.convscope.docs;

import io.github.convscope.augment.ImageDataGenerator;
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
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Guide, step 6: what every layer of a trained model sees in one image. */
public final class LookingInside {
    private LookingInside() {
    }

    /** The image as the model takes it: loaded, rescaled like the validation batches, as an NHWC batch of one. */
    public static INDArray inputBatch(Sequential model, Path imageFile) {
        int[] shape = model.inputShape();            // {150, 150, 3}
        FloatImage image = ImageLoader.builder().targetSize(shape[0], shape[1]).build().load(imageFile);
        ImageDataGenerator plain = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        FloatImage rescaled = plain.standardize(image);   // img_tensor /= 255.
        return Nd4j.create(rescaled.data(), new long[] {1, shape[0], shape[1], shape[2]}, 'c');   // expand_dims
    }

    /**
     * The activation model on one image: the input, channels 3 and 15 of the first layer in viridis, and a mosaic of
     * every channel of every layer; returns the pictures written.
     */
    public static List<Path> showActivations(Sequential model, Path imageFile, Path out) throws IOException {
        INDArray input = inputBatch(model, imageFile);
        List<Path> written = new ArrayList<>();
        written.add(ImageGrid.of(input).save(out.resolve("input.png")));

        ActivationModel activationModel = ActivationExtractor.of(model).build();   // conv2d .. last image layer
        List<FeatureMap> activations = activationModel.predict(input);              // one map per layer
        FeatureMap firstLayer = activations.get(0);                                 // conv2d: [1, 150, 150, 16]
        written.add(ChannelView.of(firstLayer, 0, 3).save(out.resolve("conv2d-channel3.png")));
        written.add(ChannelView.of(firstLayer, 0, 15).save(out.resolve("conv2d-channel15.png")));

        written.addAll(FeatureMapGrid.saveAll(activations, out));   // <layer name>.png, 16 channels a row
        return written;
    }
}
