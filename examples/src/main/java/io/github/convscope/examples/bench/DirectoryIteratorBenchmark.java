package io.github.convscope.examples.bench;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.image.ImageLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.FileSplit;
import org.datavec.image.loader.NativeImageLoader;
import org.datavec.image.recordreader.ImageRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;

/**
 * Times one epoch of {@link io.github.convscope.data.DirectoryIterator} (through
 * {@code ImageDataGenerator.flowFromDirectory}, rescale 1/255 only) against DataVec's {@code ImageRecordReader} +
 * {@code RecordReaderDataSetIterator} + {@code ImagePreProcessingScaler} on the same 2,000 generated 500x375 JPEGs,
 * 150x150, batch 128, in the same run.
 *
 * <pre>{@code
 * java -Xmx3g -cp ... io.github.convscope.examples.bench.DirectoryIteratorBenchmark /tmp/convscope-bench 5
 * }</pre>
 *
 * <p>One warm-up epoch of each is run first and not counted; then the two alternate for the given number of
 * repetitions (default 5) and the medians and their ratio are printed. Also printed: ConvScope's second epoch on the
 * same iterator (decoded images come from the cache) and the single-thread cost of each loading stage.
 */
public final class DirectoryIteratorBenchmark {
    private DirectoryIteratorBenchmark() {
    }

    /** Arguments: [folder] [repetitions]. */
    public static void main(String[] args) throws Exception {
        BenchSupport.quietLogging();
        Path folder = SyntheticImages.ensure(BenchSupport.folder(args), BenchSupport.IMAGES);
        int reps = BenchSupport.repetitions(args, 5);
        ImageDataGenerator generator = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        System.out.println("DirectoryIteratorBenchmark: " + BenchSupport.IMAGES + " JPEGs " + SyntheticImages.WIDTH
                + "x" + SyntheticImages.HEIGHT + " -> " + BenchSupport.SIZE + "x" + BenchSupport.SIZE + ", batch "
                + BenchSupport.BATCH + ", " + reps + " repetitions; " + BenchSupport.load() + "; "
                + BenchSupport.jpegDecoder());

        convScopeEpochs(generator, folder, 1); // warm-up
        dataVecEpoch(folder, 0);
        BenchSupport.Runs runs = BenchSupport.alternate(reps, seed -> convScopeEpochs(generator, folder, seed),
                seed -> dataVecEpoch(folder, seed));
        BenchSupport.reportRatios("ConvScope DirectoryIterator, first epoch",
                "ConvScope DirectoryIterator, cached epoch", "DataVec ImageRecordReader iterator", runs);
        System.out.printf(Locale.ROOT, "CPU per image, DataVec / ConvScope first epoch: %.2fx (on idle cores the "
                + "rate ratio tends to this times the cores ConvScope's workers use, as DataVec loads on one)%n",
                BenchSupport.medianCpu(runs.dataVec()) / BenchSupport.medianCpu(runs.first()));
        stages(folder);
        System.out.println("finished; " + BenchSupport.load());
    }

    /** A fresh iterator: the first epoch (nothing cached) and the second (all cached); images per second each. */
    static BenchSupport.Epoch[] convScopeEpochs(ImageDataGenerator generator, Path folder, long seed) {
        return BenchSupport.convScopeEpochs(generator, folder, seed, 2);
    }

    /** DataVec's usual image pipeline over the same folder: one epoch, images per second. */
    static BenchSupport.Epoch dataVecEpoch(Path folder, long seed) throws IOException {
        ImageRecordReader reader = new ImageRecordReader(BenchSupport.SIZE, BenchSupport.SIZE, 3,
                new ParentPathLabelGenerator());
        reader.initialize(new FileSplit(folder.toFile(), NativeImageLoader.ALLOWED_FORMATS, new Random(seed)));
        RecordReaderDataSetIterator it = new RecordReaderDataSetIterator(reader, BenchSupport.BATCH, 1, 2);
        it.setPreProcessor(new ImagePreProcessingScaler(0, 1));
        BenchSupport.Epoch rate = BenchSupport.epoch(it, BenchSupport.IMAGES);
        reader.close();
        return rate;
    }

    /** Single-thread images per second of each stage of loading, over the first 500 files. */
    static void stages(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(500).toList();
        }
        ImageLoader full = ImageLoader.builder().build();
        ImageLoader resized = ImageLoader.builder().targetSize(BenchSupport.SIZE, BenchSupport.SIZE).build();
        NativeImageLoader nativeLoader = new NativeImageLoader(BenchSupport.SIZE, BenchSupport.SIZE, 3);
        System.out.println("single thread, " + files.size() + " files, best of 3:");
        stage("Files.readAllBytes", files, p -> Files.readAllBytes(p).length);
        stage("ImageLoader.loadBytes, no resize (decode)", files, p -> full.loadBytes(p).data().length);
        stage("ImageLoader.loadBytes, 150x150", files, p -> resized.loadBytes(p).data().length);
        stage("ImageLoader.load, 150x150 (float32)", files, p -> resized.load(p).data().length);
        stage("DataVec NativeImageLoader.asMatrix, 150x150", files, p -> nativeLoader.asMatrix(p.toFile()).length());
        stage("JDK ImageIO.read, no resize", files, p -> ImageIO.read(p.toFile()).getWidth());
    }

    /** Work on one file returning something to keep. */
    interface FileWork {
        long run(Path p) throws IOException;
    }

    private static void stage(String name, List<Path> files, FileWork work) throws IOException {
        double best = 0;
        long sink = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (Path p : files) {
                sink += work.run(p);
            }
            best = Math.max(best, files.size() / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf(Locale.ROOT, "  %-44s %7.0f img/s (%.2f ms/img)%s%n", name, best, 1000 / best,
                sink < 0 ? "!" : "");
    }
}
