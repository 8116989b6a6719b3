package io.github.convscope.spark;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Generated class-per-folder trees for the tests. */
final class TestImages {
    private TestImages() {
    }

    /**
     * A learnable tree: class "bright" images are mostly light, "dark" mostly dark, with noise; sizes vary so the
     * loader resizes. {@code perClass} images per class, PNG and JPEG mixed.
     */
    static void learnable(Path root, int perClass, long seed) throws IOException {
        Random random = new Random(seed);
        String[] names = {"bright", "dark"};
        for (int k = 0; k < names.length; k++) {
            Path dir = Files.createDirectories(root.resolve(names[k]));
            for (int i = 0; i < perClass; i++) {
                int w = 10 + random.nextInt(6);
                int h = 10 + random.nextInt(6);
                BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int base = k == 0 ? 150 : 60;
                        // a stripe pattern tells the classes apart too: bright ones vertical, dark ones horizontal
                        int stripe = (k == 0 ? x : y) % 4 < 2 ? 40 : -40;
                        int v = clamp(base + stripe + (int) (random.nextGaussian() * 30));
                        image.setRGB(x, y, (v << 16) | (clamp(v + random.nextInt(20)) << 8) | clamp(v - 10));
                    }
                }
                String format = i % 3 == 0 ? "jpg" : "png";
                ImageIO.write(image, format.equals("jpg") ? "jpeg" : "png",
                        dir.resolve(String.format("img_%03d.%s", i, format)).toFile());
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
