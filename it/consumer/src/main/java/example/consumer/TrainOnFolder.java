package example.consumer;

import io.github.convscope.augment.ImageDataGenerator;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.EvaluationReport;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Prediction;
import io.github.convscope.model.Sequential;
import io.github.convscope.viz.TrainingCurves;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * A Keras-style program written only against ConvScope's public API: a generated folder of two classes (PNG and JPEG
 * files), flowFromDirectory, a small CNN, one epoch, the training curves, and the confusion matrix of the validation
 * images, then DL4J's own Evaluation of the raw network and a prediction for one file. Usage:
 * {@code TrainOnFolder WORK_DIR}.
 */
public final class TrainOnFolder {
    private static final int SIZE = 24;

    private TrainOnFolder() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        Path data = work.resolve("data");
        generate(data.resolve("train"), 40, 1);
        generate(data.resolve("validation"), 16, 2);

        ImageDataGenerator rescale = ImageDataGenerator.builder().rescale(1.0 / 255).build();
        try (DirectoryIterator train = rescale.flowFromDirectory(data.resolve("train")).targetSize(SIZE, SIZE)
                        .batchSize(16).classMode(ClassMode.BINARY).seed(7).build();
                DirectoryIterator validation = rescale.flowFromDirectory(data.resolve("validation"))
                        .targetSize(SIZE, SIZE).batchSize(16).classMode(ClassMode.BINARY).shuffle(false).build();
                Sequential model = Sequential.builder()
                        .inputShape(SIZE, SIZE, 3)
                        .add(Conv2D.of(8, 3).padding(Padding.SAME).activation(Activation.RELU))
                        .add(MaxPooling2D.of())
                        .add(Flatten.of())
                        .add(Dense.of(16).activation(Activation.RELU))
                        .add(Dense.of(1).activation(Activation.SIGMOID))
                        .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
                        .seed(42)
                        .build()) {
            System.out.println(model.summary());
            History history = model.fit(train, 1, validation);
            TrainingCurves.of(history).save(work.resolve("curves.png"));

            EvaluationReport report = model.evaluateReport(validation);
            System.out.println(report);
            Evaluation dl4j = model.network().evaluate(model.toNetworkInput(validation));
            System.out.println("DL4J's Evaluation of the raw network: accuracy " + dl4j.accuracy());
            Path file = data.resolve("validation").resolve("vertical").resolve("vertical.0.png");
            Prediction prediction = model.predict(file, rescale::standardize);
            System.out.println(file.getFileName() + ": " + prediction);
        }
    }

    /** Writes n images per class: horizontal or vertical stripes with noise, alternately PNG and JPEG. */
    private static void generate(Path split, int n, long seed) throws IOException {
        Random random = new Random(seed);
        for (String label : new String[] {"horizontal", "vertical"}) {
            Path folder = Files.createDirectories(split.resolve(label));
            for (int i = 0; i < n; i++) {
                BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        int stripe = (label.equals("horizontal") ? y : x) / 3 % 2 == 0 ? 200 : 40;
                        int v = Math.max(0, Math.min(255, stripe + random.nextInt(41) - 20));
                        image.setRGB(x, y, v << 16 | v << 8 | v);
                    }
                }
                String format = i % 2 == 0 ? "png" : "jpg";
                ImageIO.write(image, format, folder.resolve(label + "." + i + "." + format).toFile());
            }
        }
    }
}
