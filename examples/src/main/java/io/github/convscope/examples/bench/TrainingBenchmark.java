package io.github.convscope.examples.bench;

import io.github.convscope.backend.NativeAcceleration;
import io.github.convscope.examples.lecture.LectureSettings;
import io.github.convscope.examples.lecture.TheBaselineModel;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Sequential;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Training and inference images/s of the lecture's model (150x150x3; Conv2D 16, 32, 64 filters 3x3 'same' + ReLU,
 * each followed by MaxPooling2D 2x2; Flatten; Dense 512 ReLU; Dense 1 sigmoid; 10,641,441 parameters) at batch 128 on random data: ConvScope's {@link Sequential} (its default CPU path) against
 * the plain DL4J {@code MultiLayerNetwork} a user would write by hand with {@code nd4j-native-platform}'s defaults.
 *
 * <p>{@code --mode alternate} (the default) runs each side in its own JVM, alternating, and prints medians and the
 * ratios; the DL4J side gets the class path without ND4J's oneDNN natives, as a plain {@code nd4j-native-platform}
 * project has. {@code --mode convscope} or {@code --mode dl4j} measures one side in this JVM. Options:
 * {@code --rounds N} (alternations, default 3), {@code --steps N} (timed training batches per run, default 3),
 * {@code --batch N} (default 128). Child JVMs get this JVM's -Xmx and -D options.
 */
public final class TrainingBenchmark {
    private static final int SIZE = LectureSettings.IMAGE_SIZE;

    private TrainingBenchmark() {
    }

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        String mode = o.getOrDefault("mode", "alternate");
        int steps = Integer.parseInt(o.getOrDefault("steps", "3"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "128"));
        switch (mode) {
            case "convscope":
            case "dl4j":
                double[] r = measure(mode, batch, steps);
                // one machine-readable line for the alternating driver
                System.out.printf(Locale.ROOT, "RESULT %s train=%.2f infer=%.2f rss=%d train_cpu=%.2f infer_cpu=%.2f%n",
                        mode, r[0], r[1], BenchSupport.peakRssMegabytes(), r[2], r[3]);
                break;
            case "alternate":
                alternate(Integer.parseInt(o.getOrDefault("rounds", "3")), batch, steps);
                break;
            default:
                throw new IllegalArgumentException("--mode must be alternate, convscope or dl4j, got " + mode);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }

    /**
     * The same network as a DL4J user writes it by hand: NCHW (DL4J's default), 'same' convolutions (pooling left at
     * DL4J's default truncation, as Keras's 'valid' pooling), DL4J's default helpers setting.
     */
    static MultiLayerNetwork handWritten() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER_UNIFORM).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).convolutionMode(ConvolutionMode.Same)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new DenseLayer.Builder().nOut(512).activation(org.nd4j.linalg.activations.Activation.RELU)
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(SIZE, SIZE, 3))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * {training images/s, inference images/s, training and inference CPU ms per image (all threads of the process)}
     * for one side, warm-up excluded. The CPU time depends less on how busy the machine is than the rates do.
     */
    static double[] measure(String mode, int batch, int steps) {
        Nd4j.getRandom().setSeed(123);
        INDArray labels = Nd4j.rand(DataType.FLOAT, batch, 1).gt(0.5).castTo(DataType.FLOAT);
        double train;
        double infer;
        double trainCpu;
        double inferCpu;
        double images = (double) steps * batch;
        if (mode.equals("convscope")) {
            Sequential model = TheBaselineModel.baseline(SIZE, 1);   // the lecture's own model
            System.out.printf(Locale.ROOT, "convscope: %,d params, layout %s, native convolutions %d%n",
                    model.network().numParams(), model.dataFormat(),
                    NativeAcceleration.nativeLayersInUse(model.network()));
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, SIZE, SIZE, 3);   // NHWC, as the iterators give
            List<DataSet> batches = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                batches.add(new DataSet(x, labels));
            }
            FitOptions quiet = FitOptions.builder().verbose(0).build();
            model.fit(new ExistingDataSetIterator(List.of(new DataSet(x, labels))), 1, null, quiet);   // warm-up
            long c0 = BenchSupport.processCpuNanos();
            long t0 = System.nanoTime();
            model.fit(new ExistingDataSetIterator(batches), 1, null, quiet);
            train = images / ((System.nanoTime() - t0) / 1e9);
            trainCpu = (BenchSupport.processCpuNanos() - c0) / 1e6 / images;
            model.predict(x);   // warm-up
            c0 = BenchSupport.processCpuNanos();
            t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                model.predict(x);
            }
            infer = images / ((System.nanoTime() - t0) / 1e9);
            inferCpu = (BenchSupport.processCpuNanos() - c0) / 1e6 / images;
        } else {
            MultiLayerNetwork net = handWritten();
            System.out.printf(Locale.ROOT, "dl4j: %,d params, NCHW, native convolutions %d%n", net.numParams(),
                    NativeAcceleration.nativeLayersInUse(net));
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3, SIZE, SIZE);   // NCHW, no conversion charged
            DataSet ds = new DataSet(x, labels);
            net.fit(ds);   // warm-up
            long c0 = BenchSupport.processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                net.fit(ds);
            }
            train = images / ((System.nanoTime() - t0) / 1e9);
            trainCpu = (BenchSupport.processCpuNanos() - c0) / 1e6 / images;
            net.output(x, false);
            c0 = BenchSupport.processCpuNanos();
            t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                net.output(x, false);
            }
            infer = images / ((System.nanoTime() - t0) / 1e9);
            inferCpu = (BenchSupport.processCpuNanos() - c0) / 1e6 / images;
        }
        return new double[] {train, infer, trainCpu, inferCpu};
    }

    private static void alternate(int rounds, int batch, int steps) throws IOException, InterruptedException {
        String cp = System.getProperty("java.class.path");
        // the plain natives (nd4j-native-platform's default build) in place of the oneDNN ones, from the same folder
        // of the local Maven repository; ConvScope's own dependencies bring only the oneDNN build
        String plainCp = Arrays.stream(cp.split(File.pathSeparator)).map(e -> {
            if (!e.contains("-onednn")) {
                return e;
            }
            File plain = new File(e.replace("-onednn", ""));
            if (!plain.isFile()) {
                throw new IllegalStateException("the plain DL4J run needs " + plain + " (ND4J's natives without "
                        + "oneDNN) beside " + e + ": fetch it with mvn dependency:get -Dartifact=org.nd4j:nd4j-native:"
                        + "1.0.0-M2.1:jar:linux-x86_64");
            }
            return plain.getPath();
        }).collect(Collectors.joining(File.pathSeparator));
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-D")).toList();
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String mode : round % 2 == 0 ? List.of("dl4j", "convscope") : List.of("convscope", "dl4j")) {
                double[] r = child(mode.equals("dl4j") ? plainCp : cp, jvmArgs, mode, batch, steps);
                System.out.printf(Locale.ROOT, "round %d %-9s train %7.1f img/s  infer %7.1f img/s%n", round + 1,
                        mode, r[0], r[1]);
                results.computeIfAbsent(mode, k -> new ArrayList<>()).add(r);
            }
        }
        double[] dl4j = medians(results.get("dl4j"));
        double[] ours = medians(results.get("convscope"));
        System.out.printf(Locale.ROOT, "%nmedians over %d runs, batch %d, %d timed steps each:%n", rounds, batch, steps);
        System.out.printf(Locale.ROOT, "plain DL4J  train %7.1f img/s  infer %7.1f img/s%n", dl4j[0], dl4j[1]);
        System.out.printf(Locale.ROOT, "ConvScope   train %7.1f img/s  infer %7.1f img/s%n", ours[0], ours[1]);
        System.out.printf(Locale.ROOT, "ratio       train %7.2fx       infer %7.2fx%n", ours[0] / dl4j[0],
                ours[1] / dl4j[1]);
    }

    private static double[] child(String cp, List<String> jvmArgs, String mode, int batch, int steps)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", cp, TrainingBenchmark.class.getName(), "--mode", mode, "--batch",
                Integer.toString(batch), "--steps", Integer.toString(steps)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        double[] result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    result = new double[] {Double.parseDouble(parts[2].substring(6)),
                        Double.parseDouble(parts[3].substring(6))};
                } else if (line.startsWith(mode + ":")) {
                    System.out.println("  " + line);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(mode + " run failed (exit " + p.exitValue() + ")");
        }
        return result;
    }

    private static double[] medians(List<double[]> runs) {
        double[] m = new double[2];
        for (int k = 0; k < 2; k++) {
            final int col = k;
            double[] v = runs.stream().mapToDouble(r -> r[col]).sorted().toArray();
            m[k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return m;
    }
}
