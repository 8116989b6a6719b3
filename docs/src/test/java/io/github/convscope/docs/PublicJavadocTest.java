package io.github.convscope.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of every module has a Javadoc comment. The javadoc tool's own check for this ("missing") is off
 * in the parent POM because it also demands an {@code @param} and {@code @return} on every member; this test keeps
 * the part that matters.
 */
class PublicJavadocTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final List<String> MODULES = List.of("core", "augment", "viz", "spark", "examples", "docs");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*public\\s+(?:(?:static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|enum|record|@interface)\\s+(\\w+)");

    @Test
    void everyPublicTypeIsDocumented() throws IOException {
        Path root = MODULE.toAbsolutePath().getParent();
        List<String> problems = new ArrayList<>();
        int types = 0;
        for (String module : MODULES) {
            Path sources = root.resolve(module).resolve("src/main/java");
            assertTrue(Files.isDirectory(sources), "no sources at " + sources);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(sources)) {
                files = walk.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                List<String> undocumented = undocumentedPublicTypes(lines);
                types += publicTypes(lines);
                undocumented.forEach(t -> problems.add(root.relativize(file) + ": public type " + t + " has no Javadoc"));
            }
        }
        assertTrue(types > 50, "found only " + types + " public types; is the source layout different?");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theCheckSeesAMissingComment() {
        List<String> source = List.of(
                "/** Documented. */",
                "public final class A {",
                "    /** Documented too. */",
                "    @Deprecated",
                "    public static final class B {",
                "    }",
                "    // a line comment is not Javadoc",
                "    public enum C { X }",
                "    /* nor is a block comment */",
                "    public interface D {",
                "    }",
                "    public void method() {",
                "    }",
                "}");
        assertEquals(List.of("C", "D"), undocumentedPublicTypes(source));
        assertEquals(4, publicTypes(source));
    }

    private static int publicTypes(List<String> lines) {
        return (int) lines.stream().filter(l -> PUBLIC_TYPE.matcher(l).find()).count();
    }

    /** Names of public types whose declaration (annotations aside) does not follow a {@code /** ... *}{@code /}. */
    static List<String> undocumentedPublicTypes(List<String> lines) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PUBLIC_TYPE.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            int j = i - 1;
            while (j >= 0 && (lines.get(j).isBlank() || lines.get(j).strip().startsWith("@"))) {
                j--;
            }
            boolean documented = false;
            if (j >= 0 && lines.get(j).strip().endsWith("*/")) {
                int k = j;
                while (k >= 0 && !lines.get(k).contains("/*")) {
                    k--;
                }
                documented = k >= 0 && lines.get(k).contains("/**");
            }
            if (!documented) {
                missing.add(m.group(1));
            }
        }
        return missing;
    }
}
