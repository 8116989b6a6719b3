package io.github.convscope.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The one way ConvScope writes a file that someone may read while it is written: the bytes go to a hidden file beside
 * the target, which then replaces the target in one move, so a reader sees the old file or the new one, never half.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("model.zip"), out -> out.write(bytes));
 * }</pre>
 *
 * <p>Temporary files and folders are made with {@code createFile}/{@code createDirectory}, not
 * {@code createTempFile}, so what ends in place has the user's usual permissions (umask) rather than 0600/0700. The
 * move is atomic where the file system supports it and a plain replacing move where it does not (some network and
 * FUSE file systems). Whether a target may be replaced at all is the caller's decision, made before calling.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes bytes to an output stream; the stream is closed by {@link AtomicFiles}. */
    @FunctionalInterface
    public interface Content {
        /** Writes the whole content to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to a hidden file beside {@code target} and moves it into place, replacing {@code target}
     * if it exists and creating missing parent folders; on any failure the temporary file is deleted and
     * {@code target} is left as it was.
     *
     * @return the absolute target path
     */
    public static Path write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = createSibling(absolute, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            moveIntoPlace(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
        return absolute;
    }

    /**
     * Creates an empty hidden file beside {@code target}, named {@code .<name>.<random><suffix>}, with the user's
     * usual permissions. The caller fills it and then calls {@link #moveIntoPlace} or deletes it.
     */
    public static Path createSibling(Path target, String suffix) throws IOException {
        return Files.createFile(siblingName(target, suffix));
    }

    /** Creates an empty hidden folder beside {@code target}, named like {@link #createSibling}'s files. */
    public static Path createSiblingDirectory(Path target, String suffix) throws IOException {
        return Files.createDirectory(siblingName(target, suffix));
    }

    /**
     * Moves the file {@code temp} over {@code target}: atomically where the file system can, otherwise with a plain
     * replacing move.
     */
    public static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path siblingName(Path target, String suffix) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + suffix);
    }
}
