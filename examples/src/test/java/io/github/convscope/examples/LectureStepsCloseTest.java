package io.github.convscope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.examples.lecture.DropoutAndAugmentation;
import io.github.convscope.examples.lecture.LectureStep;
import io.github.convscope.examples.lecture.TheBaselineModel;
import io.github.convscope.examples.lecture.TheData;
import io.github.convscope.model.Callback;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.TrainingContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lecture step whose {@code fit} throws leaves no loader threads running: the run closes every iterator it opened,
 * and the step's own iterator is closed by its try-with-resources statement.
 */
class LectureStepsCloseTest {
    private static final String LOADER_THREAD = "convscope-loader-";

    @Test
    void aFailingFitLeavesNoLoaderThreads(@TempDir Path tmp) throws Exception {
        Path data = tinyDataset(tmp.resolve("data"));
        Set<Thread> before = loaderThreads();
        List<Thread> duringFit = new ArrayList<>();
        LectureStep failingFit = new LectureStep("A step whose fit throws", run -> {
            Callback failing = new Callback() {
                @Override
                public void onBatchEnd(TrainingContext context, int batch, Map<String, Double> logs) {
                    duringFit.addAll(loaderThreads());
                    throw new IllegalStateException("fit fails on purpose");
                }
            };
            try (DirectoryIterator augmented = DropoutAndAugmentation.augmentedBatches(run.settings().dataset(),
                    run.settings().imageSize(), 2, 1)) {
                augmented.next();   // the step's own iterator, with its own loader threads
                TheBaselineModel.baseline(run.settings().imageSize(), 1).fit(run.trainBatches(), 1,
                        run.validationBatches(), FitOptions.builder().out(run.out()).callbacks(failing).build());
            }
        });
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lecture.run(
                LectureOptions.parse("--data", data.toString(), "--output", tmp.resolve("out").toString(),
                        "--image-size", "16", "--batch-size", "2", "--epochs", "1"),
                new PrintStream(printed, true, StandardCharsets.UTF_8), List.of(new LectureStep("1. The data", TheData::run), failingFit)));
        assertEquals("fit fails on purpose", e.getMessage());
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Found 8 images belonging to 2 classes."));

        duringFit.removeAll(before);
        // the run's training iterator and the step's augmented one each had loader threads while fit ran
        Set<String> pools = duringFit.stream().map(t -> t.getName().substring(0, t.getName().lastIndexOf('-')))
                .collect(Collectors.toSet());
        assertTrue(pools.size() >= 2, "loader threads while fit ran: " + duringFit);
        for (Thread t : duringFit) {
            t.join(10_000);
            assertFalse(t.isAlive(), t.getName() + " still runs after the failed step");
        }
    }

    private static Set<Thread> loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(LOADER_THREAD)).collect(Collectors.toSet());
    }

    /** {@code root/{train,validation}/{a,b}/i.png}, four 20x20 images a class in each split. */
    private static Path tinyDataset(Path root) throws IOException {
        for (String split : List.of("train", "validation")) {
            for (String cls : List.of("a", "b")) {
                Path folder = Files.createDirectories(root.resolve(split).resolve(cls));
                for (int i = 0; i < 4; i++) {
                    BufferedImage image = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
                    image.setRGB(i, cls.equals("a") ? 3 : 15, 0xffffff);
                    ImageIO.write(image, "png", folder.resolve(i + ".png").toFile());
                }
            }
        }
        return root;
    }
}
