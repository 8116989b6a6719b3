package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.model.History;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
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

    /** Fits a tiny binary classifier for three epochs on random data and records Keras-style metrics. */
    private static History realFit() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.FLOAT, 64, 6);
        INDArray y = x.getColumn(0).add(x.getColumn(1)).gt(1.0).castTo(DataType.FLOAT).reshape(64, 1);
        DataSet train = new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 48)),
                y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 48)));
        DataSet val = new DataSet(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(48, 64)),
                y.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(48, 64)));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).updater(new Adam(0.05)).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(8).nOut(1)
                        .activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (String key : List.of("loss", "accuracy", "val_loss", "val_accuracy")) {
            m.put(key, new ArrayList<>());
        }
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int step = 0; step < 5; step++) {
                net.fit(train);
            }
            m.get("loss").add(net.score(train));
            m.get("accuracy").add(accuracy(net, train));
            m.get("val_loss").add(net.score(val));
            m.get("val_accuracy").add(accuracy(net, val));
        }
        return History.of(m, Duration.ZERO);
    }

    private static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray predicted = net.output(data.getFeatures(), false).gt(0.5).castTo(DataType.FLOAT);
        return predicted.eq(data.getLabels()).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }

    @Test
    void curvesOfARealFitAreDrawn() throws IOException {
        History history = realFit();
        assertEquals(3, history.epochs());
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
