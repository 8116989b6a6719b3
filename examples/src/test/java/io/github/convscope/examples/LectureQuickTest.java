package io.github.convscope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the lecture program with {@code --quick} on the bundled data and checks the report and its files. */
class LectureQuickTest {
    @Test
    void quickRunWritesEveryPictureAndAReportThatReferencesOnlyExistingFiles(@TempDir Path tmp) throws Exception {
        Path output = tmp.resolve("out");
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Path index = Lecture.run(LectureOptions.parse("--quick", "--output", output.toString(), "--cache-dir",
                tmp.resolve("cache").toString()), new PrintStream(captured, true, StandardCharsets.UTF_8));
        String printed = captured.toString(StandardCharsets.UTF_8);

        assertEquals(output.resolve("index.html").toAbsolutePath(), index.toAbsolutePath());
        assertTrue(printed.contains("total training tshirt images: 1000"), printed);
        assertTrue(printed.contains("Found 2000 images belonging to 2 classes."), printed);
        assertTrue(printed.contains("Found 1000 images belonging to 2 classes."), printed);
        assertTrue(printed.contains("Epoch 2/2"), printed);
        assertTrue(printed.contains("== 7. Why the model decides") && printed.contains("weighted avg"), printed);

        List<String> expected = List.of("step2-training-images.png", "step3-curves.png", "step3-curves.svg",
                "step4-augmentation-1.png", "step4-augmentation-2.png", "step4-augmentation-3.png",
                "step4-augmentation-4.png", "step5-curves.png", "step5-curves.svg", "step6-input.png",
                "step6-conv2d-channel3.png", "step6-conv2d-channel15.png", "maps/conv2d.png",
                "maps/max_pooling2d.png", "maps/dropout.png", "maps/conv2d_1.png", "maps/max_pooling2d_1.png",
                "maps/conv2d_2.png", "maps/max_pooling2d_2.png", "maps/dropout_1.png",
                "step7-baseline-confusion.png", "step7-dropout-augmentation-confusion.png",
                "step7-baseline-mean-gradcam.png", "step7-dropout-augmentation-mean-gradcam.png",
                "step7-baseline-gradcam.png", "step7-dropout-augmentation-gradcam.png", "step7-errors.png",
                "step7-patterns.png");
        for (String name : expected) {
            Path file = output.resolve(name);
            assertTrue(Files.isRegularFile(file), name);
            if (name.endsWith(".png")) {
                assertTrue(ImageIO.read(file.toFile()).getWidth() > 0, name);
            }
        }

        String html = Files.readString(index, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        List<String> referenced = new ArrayList<>();
        while (m.find()) {
            String ref = m.group(1);
            if (ref.startsWith("data:") || ref.startsWith("#")) {
                continue;
            }
            assertTrue(!ref.contains("://"), "external reference " + ref);
            referenced.add(ref);
            assertTrue(Files.isRegularFile(output.resolve(ref)), "report references a missing file: " + ref);
        }
        for (String name : expected) {
            if (name.endsWith(".png")) {
                assertTrue(referenced.contains(name), "report does not show " + name);
            }
        }
        assertTrue(html.contains("Total params"), "summary table in the report");
        assertTrue(html.contains("val_accuracy"), "history table in the report");
    }
}
