package io.github.convscope.examples.bench;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Sequential;
import io.github.convscope.spark.SparkImageFolder;
import io.github.convscope.spark.SparkTrainer;
import io.github.convscope.spark.TrainingMode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Images/s of the Spark reader and of one training epoch in Spark {@code local[2]}, against
 * {@code flowFromDirectory} and {@code Sequential.fit} in one JVM, on the same synthetic JPEG folder
 * ({@link SyntheticImages}, 500x375, resized to {@code --size}).
 *
 * <p>{@code --mode alternate} (the default) runs every side in its own JVM, {@code --rounds} times in alternating
 * order, and prints medians and ratios; {@code --mode jvm-read|spark-read|jvm-train|spark-train} measures one side in
 * this JVM. Reading: one epoch of batches (rescale 1/255, no decode cache: the Spark reader decodes every epoch), on
 * the executors for Spark (batches counted there, not sent to the driver). Training: one epoch of the lecture's model
 * (no validation, no History pass), parameter averaging with 2 workers every {@code --averaging} batches for Spark.
 * Spark's context start (a few seconds) is not counted. Options: {@code --folder DIR}, {@code --images N}
 * (default 640), {@code --size N} (default 150), {@code --batch N} (default 32), {@code --averaging N} (default 5),
 * {@code --rounds N} (default 2). Child JVMs get this JVM's -Xmx, -D and --add-opens options; run with the flags of
 * docs/spark.md.
 */
public final class SparkBenchmark {
    private SparkBenchmark() {
    }

    /** Runs the benchmark; see the class comment. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String mode = o.getOrDefault("mode", "alternate");
        int images = Integer.parseInt(o.getOrDefault("images", "640"));
        Path folder = SyntheticImages.ensure(Path.of(o.getOrDefault("folder",
                System.getProperty("java.io.tmpdir") + "/convscope-spark-bench-" + images)), images);
        int size = Integer.parseInt(o.getOrDefault("size", "150"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "32"));
        int averaging = Integer.parseInt(o.getOrDefault("averaging", "5"));
        if (mode.equals("alternate")) {
            alternate(args, Integer.parseInt(o.getOrDefault("rounds", "2")));
            return;
        }
        BenchSupport.quietLogging();
        double rate = switch (mode) {
            case "jvm-read" -> jvmRead(folder, size, batch, images);
            case "jvm-train" -> jvmTrain(folder, size, batch, images);
            case "spark-read", "spark-train" -> spark(mode, folder, size, batch, images, averaging);
            default -> throw new IllegalArgumentException("--mode must be alternate, jvm-read, spark-read, jvm-train "
                    + "or spark-train, got " + mode);
        };
        System.out.printf(Locale.ROOT, "RESULT %s %.2f%n", mode, rate);
    }

    private static DirectoryIterator.Builder flow(Path folder, int size, int batch) {
        return ImageDataGenerator.builder().rescale(1.0 / 255).build().flowFromDirectory(folder)
                .targetSize(size, size).batchSize(batch).classMode(ClassMode.BINARY).seed(1).cacheBytes(0);
    }

    private static double jvmRead(Path folder, int size, int batch, int images) {
        try (DirectoryIterator it = flow(folder, size, batch).build()) {
            return BenchSupport.epoch(it, images).rate();
        }
    }

    private static double jvmTrain(Path folder, int size, int batch, int images) {
        Sequential model = io.github.convscope.examples.lecture.DropoutAndAugmentation.withDropout(size, 1);
        try (DirectoryIterator it = flow(folder, size, batch).build()) {
            long t0 = System.nanoTime();
            model.fit(it, 1, null, FitOptions.builder().verbose(0).build());
            return images / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static double spark(String mode, Path folder, int size, int batch, int images, int averaging) {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkBenchmark")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("ERROR");
            SparkImageFolder train = SparkImageFolder.builder(sc, folder.toUri().toString()).targetSize(size, size)
                    .batchSize(batch).classMode(ClassMode.BINARY).seed(1)
                    .transform(() -> ImageDataGenerator.builder().rescale(1.0 / 255).build()).build();
            long t0 = System.nanoTime();
            if (mode.equals("spark-read")) {
                long n = train.batches(0).map(ds -> (long) ds.numExamples()).reduce(Long::sum);
                if (n != images) {
                    throw new IllegalStateException("the epoch gave " + n + " images, expected " + images);
                }
            } else {
                Sequential model = io.github.convscope.examples.lecture.DropoutAndAugmentation.withDropout(size, 1);
                SparkTrainer.builder(sc, model).mode(TrainingMode.PARAMETER_AVERAGING).workers(2)
                        .averagingFrequency(averaging).trainMetrics(false).build().fit(train, 1, null);
            }
            return images / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void alternate(String[] args, int rounds) throws IOException, InterruptedException {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-D") || a.startsWith("--add-opens")).toList();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--mode") && !args[i].equals("--rounds")) {
                passed.add(args[i]);
                passed.add(args[i + 1]);
            }
        }
        Map<String, List<Double>> results = new LinkedHashMap<>();
        List<String> modes = List.of("jvm-read", "spark-read", "jvm-train", "spark-train");
        System.out.println(BenchSupport.load());
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(modes);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String mode : order) {
                double rate = child(jvmArgs, passed, mode);
                System.out.printf(Locale.ROOT, "round %d %-11s %8.1f img/s  (%s)%n", round + 1, mode, rate,
                        BenchSupport.load());
                results.computeIfAbsent(mode, k -> new ArrayList<>()).add(rate);
            }
        }
        double jr = BenchSupport.median(results.get("jvm-read"));
        double sr = BenchSupport.median(results.get("spark-read"));
        double jt = BenchSupport.median(results.get("jvm-train"));
        double st = BenchSupport.median(results.get("spark-train"));
        System.out.printf(Locale.ROOT, "%nmedians of %d rounds:%n", rounds);
        System.out.printf(Locale.ROOT, "read   one JVM %8.1f img/s   Spark local[2] %8.1f img/s   Spark/JVM %.2fx%n", jr,
                sr, sr / jr);
        System.out.printf(Locale.ROOT, "train  one JVM %8.1f img/s   Spark local[2] %8.1f img/s   Spark/JVM %.2fx%n", jt,
                st, st / jt);
    }

    private static double child(List<String> jvmArgs, List<String> passed, String mode)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SparkBenchmark.class.getName(), "--mode",
                mode));
        cmd.addAll(passed);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Double result = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    result = Double.parseDouble(line.split(" ")[2]);
                } else {
                    tail.append(line).append('\n');
                    if (tail.length() > 4000) {
                        tail.delete(0, tail.length() - 4000);
                    }
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(mode + " run failed (exit " + p.exitValue() + "):\n" + tail);
        }
        return result;
    }
}
