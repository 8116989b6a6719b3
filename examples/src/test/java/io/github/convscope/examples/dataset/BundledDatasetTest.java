package io.github.convscope.examples.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped resource unpacks to the cats_and_dogs_filtered layout with the promised counts, and is reused. */
class BundledDatasetTest {

    @Test
    void unpacksTheLectureLayoutOnceAndReusesIt(@TempDir Path cache) throws IOException {
        Path root = BundledDataset.path(cache);
        assertEquals(BuildFashionSubset.TOP_FOLDER, root.getFileName().toString());
        assertEquals(List.of("LICENSE.txt", "README.txt", "train", "validation"), names(root));
        for (String split : List.of("train", "validation")) {
            assertEquals(BundledDataset.CLASSES, names(root.resolve(split)));
            for (String c : BundledDataset.CLASSES) {
                List<String> files = names(root.resolve(split).resolve(c));
                assertEquals(split.equals("train") ? 1000 : 500, files.size(), split + "/" + c);
                assertTrue(files.stream().allMatch(f -> f.matches(c + "\\.\\d{5}\\.png")), files.get(0));
            }
        }
        BufferedImage first = ImageIO.read(root.resolve("train/tshirt/tshirt.00001.png").toFile());
        assertEquals(28, first.getWidth());
        assertEquals(28, first.getHeight());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, first.getType());

        Path marker = root.resolve("train/shirt").resolve(names(root.resolve("train/shirt")).get(0));
        FileTime before = Files.getLastModifiedTime(marker);
        Files.setLastModifiedTime(marker, FileTime.fromMillis(before.toMillis() - 60_000));
        assertEquals(root, BundledDataset.path(cache));
        assertEquals(before.toMillis() - 60_000, Files.getLastModifiedTime(marker).toMillis(),
                "the second call reuses the unpacked folder");
        try (Stream<Path> list = Files.list(cache)) {
            assertEquals(1, list.count(), "only the unpacked folder stays in the cache");
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
