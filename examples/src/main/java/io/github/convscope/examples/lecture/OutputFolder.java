package io.github.convscope.examples.lecture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lecture's output folder. It may be new, empty, or hold an earlier run's output; a folder holding anything else
 * is refused, so the program never overwrites a user's file. Every file the run writes is recorded in a manifest
 * before it is written, and the next run removes exactly those files.
 */
public final class OutputFolder {
    /** The manifest's file name: the names this run wrote, one a line. */
    public static final String MANIFEST = ".convscope-lecture";

    private final Path root;
    private final Set<String> written = new LinkedHashSet<>();

    private OutputFolder(Path root) {
        this.root = root;
    }

    /** Claims {@code dir} for a run: creates it, or clears an earlier run's files; refuses foreign files. */
    public static OutputFolder claim(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IOException("--output " + dir + " is a file, not a folder");
        }
        Files.createDirectories(root);
        Path manifest = root.resolve(MANIFEST);
        Set<String> previous = new LinkedHashSet<>();
        if (Files.isRegularFile(manifest)) {
            previous.addAll(Files.readAllLines(manifest, StandardCharsets.UTF_8));
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(p -> !p.equals(root)).sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        List<String> foreign = new ArrayList<>();
        for (Path p : all) {
            String name = root.relativize(p).toString().replace('\\', '/');
            boolean ours = name.equals(MANIFEST) || previous.contains(name)
                    || (Files.isDirectory(p) && previous.stream().anyMatch(f -> f.startsWith(name + "/")));
            if (!ours) {
                foreign.add(name);
            }
        }
        if (!foreign.isEmpty()) {
            List<String> shown = foreign.subList(Math.max(0, foreign.size() - 5), foreign.size());
            throw new IOException("--output " + root + " holds files the lecture did not write (" + foreign.size()
                    + ", e.g. " + shown + "); choose an empty or new folder");
        }
        for (Path p : all) {
            Files.delete(p);
        }
        Files.writeString(manifest, "", StandardCharsets.UTF_8);
        return new OutputFolder(root);
    }

    /** The folder. */
    public Path root() {
        return root;
    }

    /** The path for a file of this run, recorded in the manifest first; {@code name} may hold sub-folders. */
    public Path file(String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("output file name must stay inside the folder, got " + name);
        }
        if (written.add(name)) {
            Files.writeString(root.resolve(MANIFEST), name + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        Files.createDirectories(path.getParent());
        return path;
    }

    /** The names written so far, in order. */
    public List<String> files() {
        return List.copyOf(written);
    }
}
