package io.github.convscope.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report is well-formed, escapes text, references only files that exist, and never points off the machine. */
class HtmlReportTest {

    private static HtmlReport sample() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("seed", 1);
        settings.put("image size", "150x150");
        return HtmlReport.builder("Lecture <run> & \"friends\"")
                .paragraph("Intro under the title.\nSecond line.")
                .section("1. Data")
                .paragraph("Found 2000 images belonging to 2 classes. <script>alert('x')</script>")
                .table(List.of("epoch", "loss", "accuracy"), List.of(List.of(1, 0.6931, "50.0%"), List.of(2, 0.5, "n/a")))
                .section("2. Pictures")
                .subheading("Curves")
                .image("curves.png", "Accuracy & loss")
                .image("maps/layer 1.png", "A name with a space")
                .embeddedImage(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "embedded")
                .preformatted("Layer (type)   Output Shape\n<none>")
                .section("Settings")
                .keyValues(settings)
                .build();
    }

    private static void writeImages(Path dir) throws IOException {
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("curves.png").toFile());
        Files.createDirectories(dir.resolve("maps"));
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png",
                dir.resolve("maps/layer 1.png").toFile());
    }

    @Test
    void writesWellFormedHtmlWhoseImagesAllExist(@TempDir Path dir) throws Exception {
        writeImages(dir);
        Path index = sample().write(dir);
        assertEquals(dir.resolve("index.html"), index);
        String html = Files.readString(index);

        Document doc = parse(html);
        NodeList images = doc.getElementsByTagName("img");
        assertEquals(3, images.getLength());
        List<String> files = new ArrayList<>();
        for (int i = 0; i < images.getLength(); i++) {
            String src = ((Element) images.item(i)).getAttribute("src");
            if (src.startsWith("data:image/png;base64,")) {
                byte[] png = Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1));
                BufferedImage embedded = ImageIO.read(new ByteArrayInputStream(png));
                assertEquals(4, embedded.getWidth());
            } else {
                Path file = dir.resolve(URLDecoder.decode(src, StandardCharsets.UTF_8));
                assertTrue(Files.isRegularFile(file), src);
                files.add(src);
            }
        }
        assertEquals(List.of("curves.png", "maps/layer%201.png"), files);
        NodeList links = doc.getElementsByTagName("a");
        for (int i = 0; i < links.getLength(); i++) {
            assertTrue(((Element) links.item(i)).getAttribute("href").startsWith("#s"));
        }
        assertEquals(3, doc.getElementsByTagName("section").getLength());
        assertEquals(2, doc.getElementsByTagName("table").getLength());
        assertFalse(html.toLowerCase().contains("http:") || html.toLowerCase().contains("https:"),
                "no external URL");
        assertFalse(html.contains("@import") || html.contains("url("), "no external style resources");
    }

    @Test
    void escapesTextEverywhere() throws Exception {
        String html = sample().toHtml();
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(html.contains("<title>Lecture &lt;run&gt; &amp; &quot;friends&quot;</title>"));
        assertTrue(html.contains("Intro under the title.<br />Second line."));
        Document doc = parse(html);
        assertEquals("Lecture <run> & \"friends\"", doc.getElementsByTagName("h1").item(0).getTextContent());
        assertEquals("Layer (type)   Output Shape\n<none>", doc.getElementsByTagName("pre").item(0).getTextContent());
        assertTrue(html.contains("<td class=\"num\">0.6931</td>"));
        assertTrue(html.contains("<td>n/a</td>"));
    }

    @Test
    void aMissingImageFileIsAnErrorNamingIt(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> sample().write(dir));
        assertTrue(e.getMessage().contains("curves.png"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("index.html")));
    }

    @Test
    void neverReplacesAnIndexHtmlItDidNotWrite(@TempDir Path dir) throws IOException {
        writeImages(dir);
        Files.writeString(dir.resolve("index.html"), "<p>the user's page</p>");
        IOException e = assertThrows(IOException.class, () -> sample().write(dir));
        assertTrue(e.getMessage().contains("not written by ConvScope"), e.getMessage());
        assertEquals("<p>the user's page</p>", Files.readString(dir.resolve("index.html")));

        Files.delete(dir.resolve("index.html"));
        sample().write(dir);
        sample().write(dir);
        try (var list = Files.list(dir)) {
            assertEquals(3, list.count(), "index.html, curves.png, maps; no temporary file left");
        }
    }

    @Test
    void refusesImageNamesThatLeaveTheFolderAndBadTables() {
        for (String bad : List.of("../secret.png", "/etc/x.png", "https://example.org/x.png", "a//b.png", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HtmlReport.builder("t").section("s").image(bad, "c").build(), bad);
            assertTrue(e.getMessage().startsWith("image must be a relative file name"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HtmlReport.builder("t").table(List.of("a", "b"), List.of(List.of(1))).build());
        assertTrue(e.getMessage().contains("has 1 cells, the header has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> HtmlReport.builder(" ").build());
        assertTrue(e.getMessage().startsWith("title"), e.getMessage());
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }
}
