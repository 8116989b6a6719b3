package io.github.convscope.examples;

import io.github.convscope.datasets.Datasets;
import io.github.convscope.examples.lecture.Augmentation;
import io.github.convscope.examples.lecture.DropoutAndAugmentation;
import io.github.convscope.examples.lecture.FiveTrainingImages;
import io.github.convscope.examples.lecture.LectureRun;
import io.github.convscope.examples.lecture.LectureSettings;
import io.github.convscope.examples.lecture.LectureStep;
import io.github.convscope.examples.lecture.LookingInside;
import io.github.convscope.examples.lecture.OutputFolder;
import io.github.convscope.examples.lecture.RunSettings;
import io.github.convscope.examples.lecture.TheBaselineModel;
import io.github.convscope.examples.lecture.TheData;
import io.github.convscope.examples.lecture.WhyTheModelDecides;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image-classification lecture, end to end: counts the data, shows five training images, trains the baseline
 * CNN (which over-fits), shows each augmentation, trains the CNN with dropout on augmented data, and draws the
 * activations of every layer; every picture goes into one output folder with an offline {@code index.html} report.
 * Each step is a class of {@code io.github.convscope.examples.lecture}; {@link #STEPS} puts them in order.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am -DskipTests package exec:java} (add
 * {@code -Dexec.args="--quick"} for a first look); {@code --help} lists the options.
 */
public final class Lecture {
    private static final Logger LOG = LoggerFactory.getLogger(Lecture.class);

    /** The lecture's steps, in order: each is a section of the report. */
    static final List<LectureStep> STEPS = List.of(
            new LectureStep("1. The data", TheData::run),
            new LectureStep("2. Five training images", FiveTrainingImages::run),
            new LectureStep("3. The baseline model over-fits", TheBaselineModel::run),
            new LectureStep("4. Data augmentation", Augmentation::run),
            new LectureStep("5. Dropout and augmentation", DropoutAndAugmentation::run),
            new LectureStep("6. What every layer sees", LookingInside::run),
            new LectureStep("7. Why the model decides", WhyTheModelDecides::run),
            new LectureStep("Settings", RunSettings::run));

    private static final String TITLE = "ConvScope: image classification and visualization";
    private static final String INTRODUCTION = "Every number and picture on this page comes from this run. The steps "
            + "follow the lecture: the data, a baseline CNN that over-fits, augmentation, a CNN with dropout trained on "
            + "augmented data, the activations of every layer, and why the models decide as they do.";

    private Lecture() {
    }

    /** Runs the lecture with the command-line options (see {@code --help}) and prints where the report is. */
    public static void main(String[] args) throws IOException {
        LectureOptions options;
        try {
            options = LectureOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(LectureOptions.USAGE);
            return;
        }
        Path report = run(options, System.out);
        System.out.println();
        System.out.println("Report: " + report.toAbsolutePath());
    }

    /** Runs every step and returns the written {@code index.html}. */
    static Path run(LectureOptions options, PrintStream out) throws IOException {
        return run(options, out, STEPS);
    }

    /** Runs {@code steps} in order; every iterator the run opened is closed when it ends, failed or not. */
    static Path run(LectureOptions options, PrintStream out, List<LectureStep> steps) throws IOException {
        Instant start = Instant.now();
        OutputFolder folder = OutputFolder.claim(options.output);
        LectureSettings settings = new LectureSettings(dataset(options), describeData(options), options.imageSize(),
                options.batchSize, options.epochs(), options.seed, options.quick);
        try (LectureRun run = new LectureRun(settings, out, folder, TITLE, start)) {
            run.report().paragraph(INTRODUCTION);
            for (LectureStep step : steps) {
                run.section(step.title());
                step.run(run);
            }
            Path index = run.writeReport();
            LOG.info("Report written to {}", index);
            return index;
        }
    }

    private static Path dataset(LectureOptions options) throws IOException {
        if (options.data != null) {
            return options.data;
        }
        Path cache = options.cacheDir != null ? options.cacheDir : Datasets.defaultCacheDir();
        return options.dataset == LectureOptions.Dataset.CATS_AND_DOGS ? TheData.catsAndDogs(cache)
                : TheData.bundled(cache);
    }

    private static String describeData(LectureOptions options) {
        if (options.data != null) {
            return "the folder " + options.data;
        }
        return options.dataset == LectureOptions.Dataset.CATS_AND_DOGS
                ? "cats_and_dogs_filtered (the lecture's Kaggle subset)"
                : "the bundled Fashion-MNIST subset: T-shirt/top vs Shirt, 28x28 grey images (MIT licence)";
    }
}
