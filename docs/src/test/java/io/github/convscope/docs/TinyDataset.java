package io.github.convscope.docs;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A folder laid out like cats_and_dogs_filtered, with a few small generated PNGs per class. */
final class TinyDataset {
    static final List<String> CLASSES = List.of("shirt", "tshirt");

    private TinyDataset() {
    }

    /** {@code root/train/<class>/<class>.<i>.png} ({@code perClassTrain} each) and {@code root/validation/...}. */
    static Path create(Path root, int perClassTrain, int perClassValidation) throws IOException {
        write(root.resolve("train"), perClassTrain);
        write(root.resolve("validation"), perClassValidation);
        return root;
    }

    private static void write(Path split, int perClass) throws IOException {
        for (String name : CLASSES) {
            Path folder = Files.createDirectories(split.resolve(name));
            for (int i = 0; i < perClass; i++) {
                // 40x36, not square and not the target size, so loading resizes; asymmetric, so a flip shows
                BufferedImage image = new BufferedImage(40, 36, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setColor(new Color(20 + 10 * i, 40, 60));
                g.fillRect(0, 0, 40, 36);
                g.setColor(name.equals("shirt") ? Color.WHITE : Color.ORANGE);
                g.fillRect(4 + i, 6, name.equals("shirt") ? 24 : 12, 20);
                g.setColor(Color.CYAN);
                g.fillOval(30, 2, 6, 6);
                g.dispose();
                ImageIO.write(image, "png", folder.resolve(name + "." + i + ".png").toFile());
            }
        }
    }
}
