package io.github.convscope.examples.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.datasets.Datasets;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder on small generated IDX files: selection rule, pixels, layout, reproducible bytes, no overwrite. */
class BuildFashionSubsetTest {
    // labels of the generated "training" and "test" sets; the builder takes the first N of labels 0 and 6
    private static final int[] TRAIN_LABELS = {6, 1, 0, 0, 6, 6, 0, 3};
    private static final int[] TEST_LABELS = {0, 6, 6, 0};

    @Test
    void writesTheFirstImagesOfEachLabelAsGreyPngs(@TempDir Path dir) throws IOException {
        writeIdx(dir, "train", TRAIN_LABELS);
        writeIdx(dir, "t10k", TEST_LABELS);
        Path archive = dir.resolve("subset.tar.gz");
        BuildFashionSubset.build(dir, archive, 2, 1);

        Path root = Datasets.extractArchive(archive, dir.resolve("out")).resolve(BuildFashionSubset.TOP_FOLDER);
        assertTrue(Files.exists(root.resolve("train/tshirt/tshirt.00002.png")));
        assertTrue(Files.exists(root.resolve("train/tshirt/tshirt.00003.png")));
        assertTrue(Files.exists(root.resolve("train/shirt/shirt.00000.png")));
        assertTrue(Files.exists(root.resolve("train/shirt/shirt.00004.png")));
        assertTrue(Files.exists(root.resolve("validation/tshirt/tshirt.00000.png")));
        assertTrue(Files.exists(root.resolve("validation/shirt/shirt.00001.png")));
        try (var files = Files.walk(root)) {
            assertEquals(6, files.filter(p -> p.toString().endsWith(".png")).count());
        }
        BufferedImage image = ImageIO.read(root.resolve("train/shirt/shirt.00004.png").toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertEquals(pixel(4, y, x), image.getRaster().getSample(x, y, 0));
            }
        }

        Path again = dir.resolve("again.tar.gz");
        BuildFashionSubset.build(dir, again, 2, 1);
        assertArrayEquals(Files.readAllBytes(archive), Files.readAllBytes(again), "the same input gives the same bytes");
    }

    @Test
    void refusesToOverwriteAndReportsMissingData(@TempDir Path dir) throws IOException {
        writeIdx(dir, "train", TRAIN_LABELS);
        writeIdx(dir, "t10k", TEST_LABELS);
        Path existing = Files.writeString(dir.resolve("mine.tar.gz"), "the user's file");
        IOException e = assertThrows(IOException.class, () -> BuildFashionSubset.build(dir, existing, 1, 1));
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("the user's file", Files.readString(existing));

        Path out = dir.resolve("too-many.tar.gz");
        e = assertThrows(IOException.class, () -> BuildFashionSubset.build(dir, out, 5, 1));
        assertTrue(e.getMessage().contains("only 3 images of label"), e.getMessage());
        assertTrue(Files.notExists(out), "a failed build leaves no file");
    }

    private static int pixel(int item, int y, int x) {
        return (item * 37 + y * 11 + x * 5) % 256;
    }

    private static void writeIdx(Path dir, String prefix, int[] labels) throws IOException {
        try (DataOutputStream out = gz(dir.resolve(prefix + "-images-idx3-ubyte.gz"))) {
            out.writeInt(0x0803);
            out.writeInt(labels.length);
            out.writeInt(2);
            out.writeInt(3);
            for (int i = 0; i < labels.length; i++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 3; x++) {
                        out.writeByte(pixel(i, y, x));
                    }
                }
            }
        }
        try (DataOutputStream out = gz(dir.resolve(prefix + "-labels-idx1-ubyte.gz"))) {
            out.writeInt(0x0801);
            out.writeInt(labels.length);
            for (int label : labels) {
                out.writeByte(label);
            }
        }
    }

    private static DataOutputStream gz(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new GZIPOutputStream(raw));
    }
}
