package io.github.convscope.datasets;

import io.github.convscope.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one URL to a file through {@link HttpClient}: into a hidden temporary file beside the target, hashing as
 * it goes, logging a Keras-like progress bar, and renaming into place only when the SHA-256 matches.
 */
final class Downloader {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    private Downloader() {
    }

    /** Downloads {@code origin} to {@code target}; a wrong checksum deletes the partial file and throws. */
    static void download(URI origin, Path target, String expectedSha256) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(origin).timeout(RESPONSE_TIMEOUT).GET().build();
        LOG.info("Downloading data from {}", origin);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + origin + " interrupted");
        } catch (IOException e) {
            throw new IOException("could not download " + origin + ": " + e, e);
        }
        Path temp = AtomicFiles.createSibling(target, ".part");
        boolean done = false;
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("could not download " + origin + ": HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            MessageDigest digest = Datasets.newSha256();
            Progress progress = new Progress(target.getFileName().toString(), total);
            try (OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    progress.advance(n);
                }
            }
            progress.finish();
            if (total >= 0 && progress.bytes != total) {
                throw new IOException("download of " + origin + " ended after " + progress.bytes + " of " + total
                        + " bytes");
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equals(actual)) {
                throw new IOException("SHA-256 mismatch for " + origin + ": expected " + expectedSha256
                        + ", actual " + actual + "; the partial download was deleted");
            }
            AtomicFiles.moveIntoPlace(temp, target);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Keras's download progress bar, written to the log at most every two seconds and once at the end. */
    private static final class Progress {
        private final String name;
        private final long total;
        private final long start = System.nanoTime();
        private long lastLog = start;
        private long bytes;

        Progress(String name, long total) {
            this.name = name;
            this.total = total;
        }

        void advance(int n) {
            bytes += n;
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_INTERVAL_NANOS) {
                lastLog = now;
                log(now);
            }
        }

        void finish() {
            log(System.nanoTime());
        }

        private void log(long now) {
            long seconds = (now - start) / 1_000_000_000L;
            if (total > 0) {
                // Keras Progbar: 30 characters, '=' done, '>' at the head, '.' to go.
                int done = (int) (30 * Math.min(bytes, total) / total);
                String bar = "=".repeat(done) + (done < 30 ? ">" + ".".repeat(29 - done) : "");
                LOG.info("{}: {}/{} [{}] - {}s", name, bytes, total, bar, seconds);
            } else {
                LOG.info("{}: {} bytes - {}s", name, bytes, seconds);
            }
        }
    }
}
