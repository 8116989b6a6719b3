package io.github.convscope.image;

import java.nio.file.Path;

/** Thrown when a file cannot be read as an image (missing, corrupt, truncated, not an image, too large); names the file. */
public final class ImageLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;

    /** An error about {@code path} with a message saying what is wrong. */
    public ImageLoadException(Path path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    /** An error about {@code path} caused by {@code cause}. */
    public ImageLoadException(Path path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** The file that could not be loaded. */
    public Path path() {
        return path;
    }
}
