package io.github.convscope.examples.bench;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.examples.lecture.Augmentation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.datavec.image.transform.FlipImageTransform;
import org.datavec.image.transform.ImageTransform;
import org.datavec.image.transform.PipelineImageTransform;
import org.datavec.image.transform.RotateImageTransform;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * Times the lecture's full augmentation ({@code rescale=1/255, rotationRange=45, widthShiftRange=.15,
 * heightShiftRange=.15, horizontalFlip, zoomRange=.5}, 150x150, batch 128) over the 2,000 generated JPEGs: the first
 * epoch of an iterator (decode cache empty) and its third epoch (every decoded image cached), against DataVec's
 * {@code ImageRecordReader} with a comparable {@code PipelineImageTransform} on the same files, in the same run.
 *
 * <pre>{@code
 * java -Xmx3g -cp ... io.github.convscope.examples.bench.AugmentationBenchmark /tmp/convscope-bench 3
 * }</pre>
 *
 * <p>DataVec's pipeline: a horizontal {@code FlipImageTransform} with probability 0.5, then one
 * {@code RotateImageTransform} warp (angle ±45°, scale 1±0.5 for the zoom, rotation centre moved by up to 15% of
 * each side for the shifts, replicated borders like Keras's {@code nearest}). DataVec transforms the decoded
 * 500x375 image before resizing it; ConvScope, like Keras, resizes first and warps the 150x150 result.
 */
public final class AugmentationBenchmark {
    private AugmentationBenchmark() {
    }

    /** Arguments: [folder] [repetitions]. */
    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        Path folder = SyntheticImages.ensure(BenchSupport.folder(args), BenchSupport.IMAGES);
        int reps = BenchSupport.repetitions(args, 3);
        ImageDataGenerator generator = Augmentation.lectureAugmentation();
        System.out.println("AugmentationBenchmark: " + BenchSupport.IMAGES + " JPEGs, lecture augmentation, "
                + BenchSupport.SIZE + "x" + BenchSupport.SIZE + ", batch " + BenchSupport.BATCH + ", " + reps
                + " repetitions; " + BenchSupport.load() + "; " + BenchSupport.jpegDecoder());
        convScopeEpochs(generator, folder, 1); // warm-up
        dataVecEpoch(folder, 0);
        BenchSupport.Runs runs = BenchSupport.alternate(reps, seed -> convScopeEpochs(generator, folder, seed),
                seed -> dataVecEpoch(folder, seed));
        BenchSupport.reportRatios("ConvScope augmented, first epoch", "ConvScope augmented, cached epoch (third)",
                "DataVec ImageRecordReader + PipelineImageTransform", runs);
        System.out.printf(Locale.ROOT, "CPU per image, DataVec / ConvScope first epoch: %.2fx; / cached: %.2fx%n",
                BenchSupport.medianCpu(runs.dataVec()) / BenchSupport.medianCpu(runs.first()),
                BenchSupport.medianCpu(runs.dataVec()) / BenchSupport.medianCpu(runs.cached()));
        System.out.println("finished; " + BenchSupport.load());
    }

    /** A fresh iterator: its first epoch and its third (decoded images cached); images per second each. */
    static BenchSupport.Epoch[] convScopeEpochs(ImageDataGenerator generator, Path folder, long seed) {
        BenchSupport.Epoch[] epochs = BenchSupport.convScopeEpochs(generator, folder, seed, 3);
        return new BenchSupport.Epoch[] {epochs[0], epochs[2]};
    }

    /** DataVec's augmented image pipeline over the same folder: one epoch, images per second. */
    static BenchSupport.Epoch dataVecEpoch(Path folder, long seed) throws IOException {
        Random random = new Random(seed);
        RotateImageTransform warp = new RotateImageTransform(random, 0.15f * SyntheticImages.WIDTH,
                0.15f * SyntheticImages.HEIGHT, 45, 0.5f).borderMode(BORDER_REPLICATE);
        List<Pair<ImageTransform, Double>> steps = List.of(new Pair<>(new FlipImageTransform(1), 0.5),
                new Pair<>(warp, 1.0));
        PipelineImageTransform transform = new PipelineImageTransform(seed, steps, false);
        ImageRecordReader reader = new ImageRecordReader(BenchSupport.SIZE, BenchSupport.SIZE, 3,
                new ParentPathLabelGenerator(), transform);
        reader.initialize(new FileSplit(folder.toFile(), NativeImageLoader.ALLOWED_FORMATS, new Random(seed)));
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, BenchSupport.BATCH, 1, 2);
        it.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        BenchSupport.Epoch rate = BenchSupport.epoch(it, BenchSupport.IMAGES);
        reader.close();
        return rate;
    }
}
