package io.github.convscope.examples.bench;

import io.github.convscope.explain.Explainer;
import io.github.convscope.explain.Heatmaps;
import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cost of one Grad-CAM against one {@code predict} of the same 150x150 image on the lecture's model (Conv2D 16, 32,
 * 64 filters 3x3 'same' + ReLU, each followed by MaxPooling2D 2x2; Flatten; Dense 512 ReLU; Dense 1 sigmoid), on
 * ConvScope's default CPU path. The goal is at most 3x.
 *
 * <p>After a warm-up, the two calls alternate in one JVM, one image per call, {@code --rounds N} times (default 30);
 * it prints the medians, their ratio and the load average. Weights are the untrained initialisation: the cost does not
 * depend on their values.
 */
public final class GradCamBenchmark {
    private GradCamBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --rounds N} (default 30)
     */
    public static void main(String[] args) {
        BenchSupport.quietLogging();
        int rounds = args.length > 1 && args[0].equals("--rounds") ? Integer.parseInt(args[1]) : 30;
        Sequential model = Sequential.builder().inputShape(150, 150, 3).seed(1)
                .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Conv2D.of(32, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Conv2D.of(64, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
                .add(Flatten.of()).add(Dense.of(512).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
        Explainer explainer = Explainer.of(model);
        INDArray image = Nd4j.rand(DataType.FLOAT, 1, 150, 150, 3);
        double sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += model.predict(image).getDouble(0);
            sink += explainer.gradCam(image).maps().getDouble(0);
        }
        List<Double> predict = new ArrayList<>();
        List<Double> cam = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            sink += model.predict(image).getDouble(0);
            long t1 = System.nanoTime();
            Heatmaps h = explainer.gradCam(image);
            long t2 = System.nanoTime();
            sink += h.maps().getDouble(0);
            predict.add((t1 - t0) / 1e6);
            cam.add((t2 - t1) / 1e6);
        }
        double p = BenchSupport.median(predict);
        double c = BenchSupport.median(cam);
        System.out.printf(Locale.ROOT, "layout %s, layer %s%n", model.dataFormat(), explainer.lastConvolutionLayer());
        System.out.printf(Locale.ROOT, "predict  (1 image, 150x150): median %.2f ms over %d rounds%n", p, rounds);
        System.out.printf(Locale.ROOT, "Grad-CAM (1 image, 150x150): median %.2f ms over %d rounds%n", c, rounds);
        System.out.printf(Locale.ROOT, "ratio Grad-CAM / predict: %.2fx (goal <= 3x); %s%s%n", c / p,
                BenchSupport.load(), Double.isNaN(sink) ? " (NaN output)" : "");
    }
}
