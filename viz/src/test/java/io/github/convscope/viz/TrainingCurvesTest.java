package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.model.Activation;
import io.github.convscope.model.Conv2D;
import io.github.convscope.model.Dense;
import io.github.convscope.model.FitOptions;
import io.github.convscope.model.Flatten;
import io.github.convscope.model.History;
import io.github.convscope.model.Loss;
import io.github.convscope.model.MaxPooling2D;
import io.github.convscope.model.Metric;
import io.github.convscope.model.Optimizer;
import io.github.convscope.model.Padding;
import io.github.convscope.model.Sequential;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.w3c.dom.Document;

class TrainingCurvesTest {
    @TempDir
    Path dir;

    private static History fixed() {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        m.put("loss", List.of(0.69, 0.6, 0.5, 0.41));
        m.put("accuracy", List.of(0.5, 0.62, 0.71, 0.8));
        m.put("val_loss", List.of(0.68, 0.63, 0.6, 0.62));
        m.put("val_accuracy", List.of(0.52, 0.6, 0.66, 0.65));
        return History.of(m, Duration.ofSeconds(4));
    }

    /** Fits a tiny lecture-shaped Sequential for three epochs on random data, validating after each. */
    private static History realFit() {
        Sequential model = Sequential.builder().inputShape(8, 8, 3).seed(3)
                .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU))
                .add(MaxPooling2D.of())
                .add(Flatten.of())
                .add(Dense.of(8).activation(Activation.RELU))
                .add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY)
                .build();
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 48, 8, 8, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, 48, 1).gt(0.5).castTo(DataType.FLOAT);
        List<DataSet> all = new DataSet(x, y).asList();
        return model.fit(new ListDataSetIterator<>(all.subList(0, 32), 8), 3,
                new ListDataSetIterator<>(all.subList(32, 48), 8), FitOptions.builder().verbose(0).build());
    }

    @Test
    void curvesOfARealFitAreDrawn() throws IOException {
        History history = realFit();
        assertEquals(3, history.epochs());
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        Path file = TrainingCurves.of(history).size(900, 360).save(dir.resolve("curves.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(360, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        int blue = 0;
        int dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(p);
                int r = p >> 16;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                blue += b > 150 && r < 100 && g < 100 ? 1 : 0;
                dark += r < 60 && g < 60 && b < 60 ? 1 : 0;
            }
        }
        assertTrue(colours.size() > 20, "anti-aliased lines and text give many colours, got " + colours.size());
        assertTrue(blue > 300, "blue markers and validation lines in both panels, got " + blue + " pixels");
        assertTrue(dark > 1000, "axes, titles and labels, got " + dark + " dark pixels");
        int leftBlue = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < 450; x++) {
                int p = image.getRGB(x, y);
                leftBlue += (p & 0xFF) > 150 && ((p >> 16) & 0xFF) < 100 && ((p >> 8) & 0xFF) < 100 ? 1 : 0;
            }
        }
        assertTrue(leftBlue > 100 && blue - leftBlue > 100, "both panels have series");
    }

    @Test
    void svgIsWellFormedXml() throws Exception {
        Path file = TrainingCurves.of(fixed()).save(dir.resolve("curves.svg"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        // Parse offline: the SVG's DOCTYPE names the W3C DTD, which must not be fetched.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = factory.newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", svg.getDocumentElement().getNodeName());
        // XChart draws text as outlines; the markers are ellipses: 4 epochs in each panel plus one per legend.
        assertEquals(2 * 4 + 2, svg.getElementsByTagName("ellipse").getLength());
        assertTrue(svg.getElementsByTagName("path").getLength() > 20, "lines and glyph outlines");
        assertTrue(OutputFiles.writtenByUs(file));
    }

    @Test
    void bufferedImageHasTheRequestedSize() {
        BufferedImage image = TrainingCurves.of(fixed()).toBufferedImage();
        assertEquals(TrainingCurves.DEFAULT_WIDTH, image.getWidth());
        assertEquals(TrainingCurves.DEFAULT_HEIGHT, image.getHeight());
        assertEquals(2, TrainingCurves.of(fixed()).charts().size());
    }

    @Test
    void rejectsWhatCannotBePlotted() {
        Map<String, List<Double>> other = new LinkedHashMap<>();
        other.put("mae", List.of(1.0));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.of(History.of(other, Duration.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.of(fixed()).size(10, 10));
        assertThrows(IllegalArgumentException.class, () -> TrainingCurves.of(fixed()).save(dir.resolve("c.pdf")));
    }
}
