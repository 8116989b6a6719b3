package io.github.convscope.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches dataset archives into a per-user cache, as Keras's {@code tf.keras.utils.get_file} does: download once with a
 * progress display, verify the SHA-256, extract zip and tar.gz archives safely, and reuse the cache afterwards.
 *
 * <pre>{@code
 * Path root = Datasets.getFile("cats_and_dogs.zip",
 *         URI.create("https://storage.googleapis.com/mledu-datasets/cats_and_dogs_filtered.zip"), sha256, true);
 * Path train = root.resolve("cats_and_dogs_filtered/train");
 * }</pre>
 *
 * <p>The cache is {@code ~/.convscope/datasets}, or the folder named by the system property
 * {@value #CACHE_DIR_PROPERTY}. Downloads and extractions go to hidden temporary siblings first and are renamed into
 * place only when complete, so an interrupted run never leaves a half-written file under the final name.
 */
public final class Datasets {
    /** System property that overrides the default cache folder. */
    public static final String CACHE_DIR_PROPERTY = "convscope.datasets.dir";

    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    private Datasets() {
    }

    /** The cache folder used when none is given: the system property {@value #CACHE_DIR_PROPERTY}, else ~/.convscope/datasets. */
    public static Path defaultCacheDir() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".convscope", "datasets");
    }

    /**
     * Keras's {@code get_file} into the default cache: returns the downloaded file, or, with {@code extract}, the
     * folder its contents were extracted to (see {@link #getFile(String, URI, String, boolean, Path)}).
     */
    public static Path getFile(String fname, URI origin, String sha256, boolean extract) throws IOException {
        return getFile(fname, origin, sha256, extract, defaultCacheDir());
    }

    /**
     * Keras's {@code get_file} with an explicit cache folder.
     *
     * <p>The file is {@code cacheDir/fname}. If it exists and its SHA-256 matches it is reused without a request; if
     * its hash differs it is downloaded again. A download whose hash differs from {@code sha256} is deleted and
     * reported with both hashes. With {@code extract} the archive (zip, tar or tar.gz, recognised by content) is
     * unpacked into {@code cacheDir/<fname without .zip/.tar.gz/.tgz/.tar>} (or {@code <fname>_extracted}) and that
     * folder is returned; Keras 2 unpacked beside the archive instead, so archive-relative paths are the same.
     *
     * @param fname    file name in the cache, a plain name without folders
     * @param origin   http or https URL to download from
     * @param sha256   expected SHA-256 as 64 hex digits, or null to skip verification (not recommended)
     * @param extract  whether to unpack the archive
     * @param cacheDir the cache folder, created if missing
     * @return the downloaded file, or the extraction folder when {@code extract} is true
     * @throws IOException if the download fails (the message names the URL and HTTP status), the checksum differs,
     *                     or the archive is unsafe or corrupt
     */
    public static Path getFile(String fname, URI origin, String sha256, boolean extract, Path cacheDir)
            throws IOException {
        String expected = validate(fname, origin, sha256, cacheDir);
        Path dir = Files.createDirectories(cacheDir.toAbsolutePath().normalize());
        Path target = dir.resolve(fname);
        if (Files.isRegularFile(target) && expected == null) {
            LOG.warn("Using cached {} without checking it (no SHA-256 given)", target);
        } else if (Files.isRegularFile(target) && expected.equals(sha256(target))) {
            LOG.info("Using cached {}", target);
        } else {
            if (Files.exists(target)) {
                if (!Files.isRegularFile(target)) {
                    throw new IOException("cannot download to " + target + ": it exists and is not a file");
                }
                LOG.warn("A local file was found at {}, but its SHA-256 differs; downloading it again", target);
            }
            Downloader.download(origin, target, expected);
        }
        if (!extract) {
            return target;
        }
        return ArchiveExtractor.extract(target, dir.resolve(extractionName(fname)));
    }

    /**
     * Extracts a zip, tar or tar.gz archive into {@code destination}, which must not exist yet unless it holds an
     * earlier extraction of the same archive (then it is reused). Entries that would land outside the folder, links
     * and duplicate entries are refused; the folder appears, atomically, only when complete.
     */
    public static Path extractArchive(Path archive, Path destination) throws IOException {
        return ArchiveExtractor.extract(archive, destination);
    }

    /** The SHA-256 of a file as 64 lower-case hex digits. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** The SHA-256 of everything left in a stream, as 64 lower-case hex digits; the stream is not closed. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    static String extractionName(String fname) {
        String lower = fname.toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {".tar.gz", ".tgz", ".zip", ".tar"}) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return fname.substring(0, fname.length() - suffix.length());
            }
        }
        return fname + "_extracted";
    }

    private static String validate(String fname, URI origin, String sha256, Path cacheDir) {
        if (fname == null || fname.isEmpty() || fname.equals(".") || fname.equals("..")
                || fname.contains("/") || fname.contains("\\") || fname.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("fname must be a plain file name without folders, got '" + fname + "'");
        }
        if (origin == null || origin.getScheme() == null
                || !(origin.getScheme().equalsIgnoreCase("http") || origin.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("origin must be an http or https URL, got " + origin);
        }
        if (cacheDir == null) {
            throw new IllegalArgumentException("cacheDir must not be null");
        }
        if (sha256 == null) {
            return null;
        }
        String hex = sha256.trim().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits (or null), got '" + sha256 + "'");
        }
        return hex;
    }
}
