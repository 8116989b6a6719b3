package io.github.convscope.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.examples.lecture.TheData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the guide's short snippets on generated data (the ones that download or train are only compiled). */
class GuideSnippetsTest {

    @Test
    void countImagesCountsEachClassFolder(@TempDir Path split) throws IOException {
        for (String c : List.of("shirt", "tshirt")) {
            Path folder = Files.createDirectories(split.resolve(c));
            for (int i = 0; i < (c.equals("shirt") ? 3 : 2); i++) {
                ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png",
                        folder.resolve(c + i + ".png").toFile());
            }
        }
        Files.writeString(split.resolve("notes.txt"), "not a class");
        assertEquals(Map.of("shirt", 3, "tshirt", 2), TheData.countPerClass(split));
    }

    @Test
    void writesTheReport(@TempDir Path out) throws IOException {
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out.resolve("curves.png").toFile());
        Path index = WritingTheReport.write(out, "Total params: 10,641,441", List.of(List.of(1, 0.5, 0.5)));
        String html = Files.readString(index);
        assertTrue(html.contains("Total params: 10,641,441") && html.contains("src=\"curves.png\""), html);
    }
}
