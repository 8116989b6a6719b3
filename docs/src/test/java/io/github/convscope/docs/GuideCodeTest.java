package io.github.convscope.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the guide appears, line for line (indentation aside), in compiled sources: this
 * module's or the examples module's (where the lecture's steps live), so the guide's code is compiled by the build
 * and cannot drift from it.
 */
class GuideCodeTest {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));

    @Test
    void everyJavaBlockOfTheGuideIsCompiledSource() throws IOException {
        List<List<String>> blocks = javaBlocks(Files.readAllLines(MODULE.resolve("guide.md"), StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 4, "the guide has Java blocks, found " + blocks.size());
        List<List<String>> sources = sources();
        List<String> missing = new ArrayList<>();
        for (List<String> block : blocks) {
            if (sources.stream().noneMatch(source -> contains(source, block))) {
                missing.add(String.join("\n", block));
            }
        }
        if (!missing.isEmpty()) {
            fail("guide.md has Java blocks that are not in docs/src/main/java or examples/src/main/java (copy them "
                    + "from the compiled classes):\n"
                    + String.join("\n-----\n", missing));
        }
    }

    @Test
    void theMatcherRejectsADriftedBlock() {
        List<String> source = List.of("class A {", "    void f() {", "        int x = 1;", "        int y = 2;", "    }", "}");
        assertTrue(contains(source, List.of("int x = 1;", "int y = 2;")));
        assertTrue(contains(source, List.of("void f() {", "    int x = 1;")));
        assertFalse(contains(source, List.of("int x = 1;", "int y = 3;")));
        assertFalse(contains(source, List.of("int x = 1;", "    int y = 2;")));
    }

    /** The fenced java blocks of a markdown file, each dedented. */
    static List<List<String>> javaBlocks(List<String> markdown) {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : markdown) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(dedent(current));
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Whether {@code block} occurs in {@code source} as consecutive lines with one extra indentation for all. */
    static boolean contains(List<String> source, List<String> block) {
        for (int start = 0; start + block.size() <= source.size(); start++) {
            String first = source.get(start);
            if (!first.endsWith(block.get(0)) || !first.substring(0, first.length() - block.get(0).length()).isBlank()) {
                continue;
            }
            String indent = first.substring(0, first.length() - block.get(0).length());
            boolean all = true;
            for (int j = 1; j < block.size() && all; j++) {
                String want = block.get(j);
                String have = source.get(start + j);
                all = want.isBlank() ? have.isBlank() : have.equals(indent + want);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.toList());
    }

    private static List<List<String>> sources() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        for (Path root : List.of(MODULE.resolve("src/main/java"),
                MODULE.toAbsolutePath().getParent().resolve("examples/src/main/java"))) {
            assertTrue(Files.isDirectory(root), "no sources at " + root);
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    sources.add(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
        }
        return sources;
    }
}
