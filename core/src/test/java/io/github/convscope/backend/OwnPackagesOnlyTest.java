package io.github.convscope.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast path needs no class in another library's package (such as the {@code org.nd4j.nativeblas} shim earlier
 * versions shipped): every class compiled from core's sources lies under {@code io/github/convscope}.
 */
class OwnPackagesOnlyTest {
    @Test
    void everyCoreClassIsInConvScopesPackages() throws IOException, URISyntaxException {
        Path root = Path.of(NativeAcceleration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root), "core's classes are read from a folder in the build: " + root);
        List<String> foreign;
        long total;
        try (Stream<Path> files = Files.walk(root)) {
            List<String> classes = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
            total = classes.size();
            foreign = classes.stream().filter(c -> !c.startsWith("io/github/convscope/")).toList();
        }
        assertTrue(total > 50, "found only " + total + " classes under " + root);
        assertEquals(List.of(), foreign, "classes outside io.github.convscope");
    }
}
