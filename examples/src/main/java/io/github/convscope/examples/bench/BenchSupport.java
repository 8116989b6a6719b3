package io.github.convscope.examples.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
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
    static final int SIZE = 150;
    /** Batch size of the lecture. */
    static final int BATCH = 128;

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

    /**
     * Runs the iterator's current epoch to its end, reading one value of every batch, and returns images per
     * second; fails if the epoch does not hold {@code expected} images.
     */
    static double epoch(DataSetIterator iterator, int expected) {
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
        return images / seconds;
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
    static String load() {
        return String.format(Locale.ROOT, "load average %.2f on %d processors",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    /** Prints one result line: the median, the runs, and the load. */
    static void report(String name, List<Double> runs) {
        System.out.printf(Locale.ROOT, "%-46s %7.0f img/s  median of %s%n", name, median(runs), list(runs));
    }
}
