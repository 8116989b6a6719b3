package io.github.convscope.datasets;

import io.github.convscope.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts a zip, tar or tar.gz archive into a folder that appears only when complete: the entries go to a hidden
 * temporary sibling, a marker holding the archive's SHA-256 is written, and the sibling is renamed atomically.
 * Entries that would land outside the folder (zip-slip), links and duplicate entries are refused.
 */
final class ArchiveExtractor {
    /** Name of the marker file written into every folder this class extracts. */
    static final String MARKER = ".convscope-extracted";

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveExtractor.class);

    private enum Format { ZIP, TAR, TAR_GZ }

    private ArchiveExtractor() {
    }

    /** Extracts {@code archive} into {@code destination}, or reuses it when a previous extraction of the same bytes is there. */
    static Path extract(Path archive, Path destination) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new IOException("archive not found or not a regular file: " + archive);
        }
        Format format = detect(archive);
        String sha256 = Datasets.sha256(archive);
        Path target = destination.toAbsolutePath().normalize();
        if (reusable(target, sha256)) {
            LOG.info("Using {} (already extracted from {})", target, archive.getFileName());
            return target;
        }
        Path parent = Files.createDirectories(target.getParent());
        Path temp = AtomicFiles.createSiblingDirectory(target, ".extracting");
        try {
            LOG.info("Extracting {} to {}", archive.getFileName(), target);
            if (format == Format.ZIP) {
                extractZip(archive, temp);
            } else {
                extractTar(archive, temp, format == Format.TAR_GZ);
            }
            Files.writeString(temp.resolve(MARKER), "sha256=" + sha256 + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // Another process finished the same extraction first.
                if (!reusable(target, sha256)) {
                    throw new IOException("could not move the extracted archive into place: " + target, e);
                }
            }
            return target;
        } finally {
            deleteTree(temp);
        }
    }

    /** Whether {@code target} holds a complete extraction of the archive with this hash; stale ones are removed. */
    private static boolean reusable(Path target, String sha256) throws IOException {
        if (!Files.exists(target)) {
            return false;
        }
        Path marker = target.resolve(MARKER);
        if (!Files.isDirectory(target) || !Files.isRegularFile(marker)) {
            throw new IOException("refusing to extract into " + target + ": it exists and was not extracted by"
                    + " ConvScope (no " + MARKER + " marker); move it away or choose another folder");
        }
        String recorded = Files.readString(marker, StandardCharsets.US_ASCII).trim();
        if (recorded.equals("sha256=" + sha256)) {
            return true;
        }
        LOG.warn("{} was extracted from a different archive ({}); extracting again", target, recorded);
        deleteTree(target);
        return false;
    }

    private static Format detect(Path archive) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(262);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5)) {
            return Format.ZIP;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
            return Format.TAR_GZ;
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return Format.TAR;
        }
        throw new IOException("not a zip, tar or tar.gz archive (unrecognised first bytes): " + archive);
    }

    private static void extractZip(Path archive, Path root) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path path = resolveInside(root, entry.getName(), archive);
                if (path == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        writeNew(path, in, entry.getName(), archive);
                    }
                }
            }
        }
    }

    private static void extractTar(Path archive, Path root, boolean gzip) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             InputStream in = gzip ? new GZIPInputStream(file, 1 << 16) : file) {
            TarReader tar = new TarReader(in, archive.toString());
            TarReader.Entry entry;
            while ((entry = tar.next()) != null) {
                Path path = resolveInside(root, entry.name(), archive);
                if (path == null) {
                    continue;
                }
                if (entry.directory()) {
                    Files.createDirectories(path);
                } else {
                    writeNew(path, tar.entryStream(), entry.name(), archive);
                }
            }
        }
    }

    /** The path of an entry under {@code root}; null for the root itself; an IOException if it would escape. */
    static Path resolveInside(Path root, String name, Path archive) throws IOException {
        // Backslashes separate folders on Windows, so they count as separators when checking containment.
        String normal = name.replace('\\', '/');
        boolean absolute = normal.startsWith("/") || (normal.length() > 1 && normal.charAt(1) == ':');
        Path path = root.resolve(normal).normalize();
        if (absolute || normal.indexOf('\0') >= 0 || !path.startsWith(root)) {
            throw new IOException("archive entry '" + name + "' in " + archive
                    + " would be written outside the target folder; refused (zip-slip)");
        }
        if (path.equals(root)) {
            return null;
        }
        if (path.getFileName().toString().equals(MARKER)) {
            throw new IOException("archive entry '" + name + "' in " + archive + " uses the reserved name " + MARKER);
        }
        return path;
    }

    private static void writeNew(Path path, InputStream in, String name, Path archive) throws IOException {
        Files.createDirectories(path.getParent());
        try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW)) {
            in.transferTo(out);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("archive entry '" + name + "' appears twice in " + archive
                    + "; refusing to overwrite it", e);
        }
    }

    /** Deletes a folder this class created, deepest entries first; does nothing if it is gone. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
