package io.github.convscope.examples.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Generates the benchmark folder: {@code count} photo-like 500x375 JPEGs (gradients, shapes, sensor-like noise,
 * quality 90, about 25-40 KB like the Kaggle cats-and-dogs photos) split into the class folders {@code cats} and
 * {@code dogs}, the same bytes for the same count on every run (seeded).
 *
 * <pre>{@code
 * Path folder = SyntheticImages.ensure(Path.of("/tmp/convscope-bench"), 2000);
 * }</pre>
 *
 * <p>A marker file records what was generated; when it matches and every image is there, nothing is written. The
 * generator never overwrites a file it did not write: a folder holding an image of the same name without the marker
 * is refused.
 */
public final class SyntheticImages {
    /** Width of every generated image. */
    public static final int WIDTH = 500;
    /** Height of every generated image. */
    public static final int HEIGHT = 375;
    /** The two class folders. */
    public static final List<String> CLASSES = List.of("cats", "dogs");

    private static final long SEED = 20_240_501L;
    private static final float QUALITY = 0.90f;
    private static final String MARKER = ".convscope-synthetic";
    private static final double NOISE = 3.5;

    private SyntheticImages() {
    }

    /** Generates the folder once (see the class comment) and returns it. */
    public static Path ensure(Path folder, int count) throws IOException {
        if (count < 2) {
            throw new IllegalArgumentException("count must be at least 2, got " + count);
        }
        String expected = "count=" + count + " seed=" + SEED + " size=" + WIDTH + "x" + HEIGHT + " quality=" + QUALITY
                + " noise=" + NOISE;
        Path marker = folder.resolve(MARKER);
        List<Path> files = files(folder, count);
        boolean ours = Files.isRegularFile(marker);
        if (ours && Files.readString(marker, StandardCharsets.UTF_8).trim().equals(expected)
                && files.stream().allMatch(Files::isRegularFile)) {
            return folder;
        }
        for (Path file : files) {
            if (!ours && Files.exists(file)) {
                throw new IOException(file + " exists and was not written by " + SyntheticImages.class.getSimpleName()
                        + "; choose an empty folder");
            }
        }
        for (String c : CLASSES) {
            Files.createDirectories(folder.resolve(c));
        }
        Files.deleteIfExists(marker);
        for (int i = 0; i < count; i++) {
            writeJpeg(render(i), files.get(i));
        }
        Files.writeString(marker, expected + "\n", StandardCharsets.UTF_8);
        return folder;
    }

    /** The file of image i: even images are cats, odd ones dogs. */
    private static List<Path> files(Path folder, int count) {
        List<Path> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String c = CLASSES.get(i % 2);
            files.add(folder.resolve(c).resolve(c.substring(0, 3) + "." + (i / 2) + ".jpg"));
        }
        return files;
    }

    /** One photo-like picture: a sky/ground gradient, soft blobs and shapes, then per-pixel noise. */
    static BufferedImage render(int index) {
        Random random = new Random(SEED * 31 + index);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, randomColor(random), random.nextInt(WIDTH), HEIGHT,
                randomColor(random)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int shapes = 6 + random.nextInt(8);
        for (int s = 0; s < shapes; s++) {
            int x = random.nextInt(WIDTH);
            int y = random.nextInt(HEIGHT);
            int w = 30 + random.nextInt(220);
            int h = 30 + random.nextInt(180);
            g.setPaint(new GradientPaint(x, y, randomColor(random), x + w, y + h, randomColor(random)));
            switch (random.nextInt(3)) {
                case 0 -> g.fillOval(x - w / 2, y - h / 2, w, h);
                case 1 -> g.fillRoundRect(x - w / 2, y - h / 2, w, h, 25, 25);
                default -> {
                    g.setStroke(new BasicStroke(2 + random.nextInt(10)));
                    g.drawLine(x, y, x + w - 120, y + h - 90);
                }
            }
        }
        g.dispose();
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int v = (pixels[i] & 0xff) + (int) Math.round(random.nextGaussian() * NOISE);
            pixels[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return image;
    }

    private static Color randomColor(Random random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static void writeJpeg(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** Generates the folder given as the first argument (default /tmp/convscope-bench) with the count given second. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/convscope-bench");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long start = System.nanoTime();
        ensure(folder, count);
        long bytes = 0;
        for (String c : CLASSES) {
            try (var stream = Files.list(folder.resolve(c))) {
                for (Path p : (Iterable<Path>) stream::iterator) {
                    bytes += Files.size(p);
                }
            }
        }
        System.out.printf("%s: %d images, %.1f KB on average (%.1f s)%n", folder, count, bytes / 1024.0 / count,
                (System.nanoTime() - start) / 1e9);
    }
}
