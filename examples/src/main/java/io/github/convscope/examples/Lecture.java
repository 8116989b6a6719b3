package io.github.convscope.examples;

import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** The lecture, runnable: for now it loads a folder of class sub-folders and reports what it found. */
public final class Lecture {
    private Lecture() {
    }

    /** Runs the lecture; {@code --data DIR} names a folder of class sub-folders, else a small one is generated. */
    public static void main(String[] args) throws IOException {
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data") && i + 1 < args.length) {
                data = Path.of(args[++i]);
            }
        }
        if (data == null) {
            data = Files.createTempDirectory("convscope-lecture");
            generate(data);
        }
        ImageLoader loader = ImageLoader.builder().targetSize(150, 150).build();
        try (Stream<Path> classes = Files.list(data)) {
            for (Path dir : classes.filter(Files::isDirectory).sorted().collect(Collectors.toList())) {
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.sorted().collect(Collectors.toList());
                }
                FloatImage first = loader.load(files.get(0));
                System.out.println(dir.getFileName() + ": " + files.size() + " images, first loads as " + first);
            }
        }
    }

    private static void generate(Path root) throws IOException {
        for (String name : List.of("cats", "dogs")) {
            Path dir = Files.createDirectories(root.resolve(name));
            for (int i = 0; i < 4; i++) {
                BufferedImage image = new BufferedImage(200, 160, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                g.setColor(name.equals("cats") ? Color.ORANGE : Color.GRAY);
                g.fillOval(20 + 10 * i, 20, 120, 100);
                g.dispose();
                ImageIO.write(image, "png", dir.resolve(name + "." + i + ".png").toFile());
            }
        }
    }
}
