package io.github.convscope.examples.bench;

import io.github.convscope.examples.lecture.LectureSettings;
import io.github.convscope.image.ImageLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Shared pieces of the benchmark programs: timing one epoch, medians, the machine's load, argument defaults. */
final class BenchSupport {
    /** Images in the benchmark folder. */
    static final int IMAGES = 2000;
    /** Target size (square) of the lecture. */
    static final int SIZE = LectureSettings.IMAGE_SIZE;
    /** Batch size of the lecture. */
    static final int BATCH = LectureSettings.BATCH_SIZE;

    private BenchSupport() {
    }

    /** The folder given as the first argument, or convscope-bench in the temporary directory. */
    static Path folder(String[] args) {
        return Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/convscope-bench");
    }

    /** The repetition count given as the second argument, or {@code fallback}. */
    static int repetitions(String[] args, int fallback) {
        return args.length > 1 ? Integer.parseInt(args[1]) : fallback;
    }

    /** Quiets the per-iterator "Found N images" INFO lines; call before any logger is created. */
    static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    /** One timed epoch: images per second of wall time, and milliseconds of this process's CPU time per image. */
    record Epoch(double rate, double cpuMs) {
    }

    /** CPU time of the whole process (every thread) in nanoseconds, or -1 where the platform does not say. */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * Runs the iterator's current epoch to its end, reading one value of every batch; fails if the epoch does not
     * hold {@code expected} images. The CPU time per image does not depend on how busy the machine is, the rate does.
     */
    static Epoch epoch(DataSetIterator iterator, int expected) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        int images = 0;
        double sink = 0;
        while (iterator.hasNext()) {
            DataSet batch = iterator.next();
            images += (int) batch.getFeatures().size(0);
            sink += batch.getFeatures().getDouble(0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (images != expected || Double.isNaN(sink)) {
            throw new IllegalStateException("the epoch gave " + images + " images, expected " + expected);
        }
        return new Epoch(images / seconds, (processCpuNanos() - cpu) / 1e6 / images);
    }

    /** The median of the values. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The values formatted as whole numbers. */
    static String list(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", v));
        }
        return "[" + sb + "]";
    }

    /** The one-minute system load average and the processors this JVM sees. */
    /** This process's peak resident memory (VmHWM) in MB, or -1 where /proc does not say (not Linux). */
    static long peakRssMegabytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static String load() {
        return String.format(Locale.ROOT, "load average %.2f on %d processors",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Which library decodes JPEGs in this JVM (see {@code ImageLoader.fastJpegDecoding()}). */
    static String jpegDecoder() {
        return ImageLoader.fastJpegDecoding() ? "JPEG decoding: system libjpeg-turbo (SIMD)"
                : "JPEG decoding: OpenCV's bundled libjpeg (no SIMD)";
    }

    /** Prints one result line: the median rate, the runs, and the median CPU time per image. */
    static void report(String name, List<Epoch> runs) {
        List<Double> rates = runs.stream().map(Epoch::rate).toList();
        List<Double> cpu = runs.stream().map(Epoch::cpuMs).toList();
        System.out.printf(Locale.ROOT, "%-46s %7.0f img/s  median of %s; CPU %.2f ms/img%n", name, median(rates),
                list(rates), median(cpu));
    }

    /** The median rate of the runs. */
    static double medianRate(List<Epoch> runs) {
        return median(runs.stream().map(Epoch::rate).toList());
    }

    /** The median CPU milliseconds per image of the runs. */
    static double medianCpu(List<Epoch> runs) {
        return median(runs.stream().map(Epoch::cpuMs).toList());
    }

    /**
     * Epochs {@code 1..count} of one fresh iterator over {@code folder} (the first with an empty decode cache, the
     * later ones cached); images per second and CPU of each.
     */
    static Epoch[] convScopeEpochs(io.github.convscope.augment.ImageDataGenerator generator, Path folder, long seed,
            int count) {
        try (io.github.convscope.data.DirectoryIterator it = generator.flowFromDirectory(folder)
                .targetSize(SIZE, SIZE).batchSize(BATCH).seed(seed).build()) {
            Epoch[] epochs = new Epoch[count];
            for (int e = 0; e < count; e++) {
                if (e > 0) {
                    it.reset();
                }
                epochs[e] = epoch(it, IMAGES);
            }
            return epochs;
        }
    }

    /** The measured epochs of an alternating comparison: ConvScope's first and cached epochs, and DataVec's. */
    record Runs(List<Epoch> first, List<Epoch> cached, List<Epoch> dataVec) {
    }

    /** One ConvScope measurement: its first and its cached epoch for a seed. */
    interface ConvScopeRun {
        Epoch[] run(long seed) throws Exception;
    }

    /** One DataVec measurement for a seed. */
    interface DataVecRun {
        Epoch run(long seed) throws Exception;
    }

    /**
     * Runs the two peers {@code reps} times, alternating which goes first so that neither always meets the machine
     * in the same state; ConvScope uses seed {@code r + 2} and DataVec {@code r + 1} in repetition {@code r}.
     */
    static Runs alternate(int reps, ConvScopeRun convScope, DataVecRun dataVec) throws Exception {
        Runs runs = new Runs(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < reps; r++) {
            if (r % 2 == 1) {
                runs.dataVec().add(dataVec.run(r + 1));
            }
            Epoch[] cs = convScope.run(r + 2);
            runs.first().add(cs[0]);
            runs.cached().add(cs[1]);
            if (r % 2 == 0) {
                runs.dataVec().add(dataVec.run(r + 1));
            }
        }
        return runs;
    }

    /** Prints the three result lines of {@code runs} and the rate ratios against DataVec. */
    static void reportRatios(String first, String cached, String dataVec, Runs runs) {
        report(first, runs.first());
        report(cached, runs.cached());
        report(dataVec, runs.dataVec());
        System.out.printf(Locale.ROOT, "ratio first epoch / DataVec: %.2fx; cached / DataVec: %.2fx%n",
                medianRate(runs.first()) / medianRate(runs.dataVec()),
                medianRate(runs.cached()) / medianRate(runs.dataVec()));
    }
}
