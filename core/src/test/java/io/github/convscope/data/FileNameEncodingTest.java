package io.github.convscope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.convscope.image.ByteImage;
import io.github.convscope.image.ImageLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that are not valid in the locale's charset: bytes that are not UTF-8, and any non-ASCII name when the JVM
 * runs under {@code LANG=C}. Files are named with {@code /bin/sh}'s printf, whose octal escapes write raw bytes
 * whatever the locale of this JVM.
 */
class FileNameEncodingTest {
    @TempDir
    Path root;

    /** Creates {@code root/relative}, given as a printf format with octal escapes, holding a copy of {@code from}. */
    private void rawName(Path from, String relative) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to write raw file-name bytes");
        Process p = new ProcessBuilder("/bin/sh", "-c", "cp \"$1\" \"$(printf \"$2\")\"", "sh",
                from.toString(), root + "/" + relative).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private void rawFolder(String relative) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", "mkdir \"$(printf \"$1\")\"", "sh", root + "/" + relative)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void aFileNameThatIsNotUtf8IsListedAndLoadedUnderItsPythonName() throws Exception {
        Path good = TestImages.png(root.resolve("src/good.png"), 4, 4, 200, 100, 50);
        Files.createDirectories(root.resolve("d/cats"));
        rawName(good, "d/cats/a\\377b.png"); // 0xFF is never valid UTF-8
        rawName(good, "d/cats/c\\303\\251.png"); // "cé.png" in UTF-8
        try (DirectoryIterator it = DirectoryIterator.builder(root.resolve("d")).targetSize(4, 4).batchSize(2)
                .shuffle(false).build()) {
            // Keras (Python's surrogateescape) names the first 'cats/a\udcffb.png'
            assertEquals(List.of("cats/a\uDCFFb.png", "cats/c\u00e9.png"), it.filenames());
            for (Path path : it.filepaths()) {
                assertTrue(Files.isRegularFile(path), path + " must be the listed file itself");
            }
            assertEquals(2, it.next().getFeatures().size(0));
            assertTrue(it.skippedFiles().isEmpty());
        }
    }

    @Test
    void pythonDecodingEscapesEachUndecodableByte() {
        assertEquals("a\uDCE2\uDC82A", FileNames.decodeSurrogateEscape(new byte[] {'a', (byte) 0xE2, (byte) 0x82, 'A'}));
        assertEquals("\u20ac\uD83D\uDE00", FileNames.decodeSurrogateEscape(
                "\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)));
        // overlong '/' and an encoded surrogate are not UTF-8 for Python either
        assertEquals("\uDCC0\uDCAF\uDCED\uDCA0\uDC80", FileNames.decodeSurrogateEscape(
                new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    @Test
    void nonAsciiNamesLoadInAJvmStartedUnderLangC() throws Exception {
        Path good = TestImages.png(root.resolve("src/good.png"), 5, 3, 9, 8, 7);
        Files.createDirectories(root.resolve("d"));
        rawFolder("d/caf\\303\\251");
        rawFolder("d/\\316\\272\\316\\261\\317\\204");
        rawName(good, "d/caf\\303\\251/\\303\\274ber.png");
        rawName(good, "d/\\316\\272\\316\\261\\317\\204/\\346\\227\\245.jpg.png");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LangCProbe.class.getName(),
                root.resolve("d").toString()));
        // the locale is what reproduces it: JDK 17 ignores -Dsun.jnu.encoding and derives it from LC_ALL/LANG
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("LC_") || k.equals("LANG") || k.equals("LANGUAGE"));
        builder.environment().put("LC_ALL", "C");
        builder.environment().put("LANG", "C");
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "probe timed out");
        assertEquals(0, child.exitValue(), out);
        // the probe JVM really decoded names with a charset that cannot spell them
        assertFalse(out.contains("jnu=UTF-8"), out);
        assertTrue(out.contains("files=2"), out);
        assertTrue(out.contains("loaded=2"), out);
        // names as Keras gives them (Python uses UTF-8 for file names under LANG=C too), printed as code points
        assertTrue(out.contains("name=caf\\u00e9/\\u00fcber.png"), out);
        assertTrue(out.contains("name=\\u03ba\\u03b1\\u03c4/\\u65e5.jpg.png"), out);
    }

    /** Run in a JVM started under LANG=C: builds an iterator over {@code args[0]} and loads every file. */
    static final class LangCProbe {
        private LangCProbe() {
        }

        public static void main(String[] args) {
            System.out.println("jnu=" + System.getProperty("sun.jnu.encoding"));
            try (DirectoryIterator it = DirectoryIterator.builder(Path.of(args[0])).targetSize(5, 3).build()) {
                System.out.println("files=" + it.samples());
                int loaded = 0;
                ImageLoader loader = ImageLoader.builder().build();
                for (Path path : it.filepaths()) {
                    ByteImage image = loader.loadBytes(path);
                    loaded += image.height() == 5 ? 1 : 0;
                }
                System.out.println("loaded=" + loaded);
                for (String name : it.filenames()) {
                    StringBuilder escaped = new StringBuilder();
                    name.chars().forEach(c -> escaped.append(c < 128 ? String.valueOf((char) c)
                            : String.format("\\u%04x", c)));
                    System.out.println("name=" + escaped);
                }
            }
        }
    }
}
