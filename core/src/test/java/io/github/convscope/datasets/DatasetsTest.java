package io.github.convscope.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Datasets#getFile} against an HTTP server on the loopback interface, started by the test. */
class DatasetsTest {
    private HttpServer server;
    private final Map<String, byte[]> content = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();

    @TempDir
    Path cache;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = content.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private URI serve(String path, byte[] body) {
        content.put(path, body);
        return url(path);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String sha(byte[] bytes) throws IOException {
        return Datasets.sha256(new java.io.ByteArrayInputStream(bytes));
    }

    private List<String> cacheListing() throws IOException {
        try (Stream<Path> walk = Files.walk(cache)) {
            return walk.filter(p -> !p.equals(cache)).map(p -> cache.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void downloadsVerifiesAndReusesTheCache() throws IOException {
        byte[] body = new byte[300_000];
        new Random(1).nextBytes(body);
        URI origin = serve("/data.bin", body);

        Path file = Datasets.getFile("data.bin", origin, sha(body), false, cache);
        assertEquals(cache.resolve("data.bin"), file);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(1, hits.get());

        Path again = Datasets.getFile("data.bin", origin, sha(body).toUpperCase(), false, cache);
        assertEquals(file, again);
        assertEquals(1, hits.get(), "a cached file with the right hash is not downloaded again");
        assertEquals(List.of("data.bin"), cacheListing());
    }

    @Test
    void checksumMismatchDeletesThePartialFileAndNamesBothHashes() throws IOException {
        byte[] body = "not what you expected".getBytes(StandardCharsets.UTF_8);
        URI origin = serve("/data.bin", body);
        String wrong = "0".repeat(64);

        IOException e = assertThrows(IOException.class, () -> Datasets.getFile("data.bin", origin, wrong, false, cache));
        assertTrue(e.getMessage().contains("expected " + wrong), e.getMessage());
        assertTrue(e.getMessage().contains("actual " + sha(body)), e.getMessage());
        assertEquals(List.of(), cacheListing(), "nothing is left behind");
    }

    @Test
    void aCachedFileWithAnotherHashIsDownloadedAgain() throws IOException {
        byte[] body = "fresh".getBytes(StandardCharsets.UTF_8);
        URI origin = serve("/data.bin", body);
        Files.writeString(cache.resolve("data.bin"), "stale");

        Path file = Datasets.getFile("data.bin", origin, sha(body), false, cache);
        assertEquals("fresh", Files.readString(file));
        assertEquals(1, hits.get());
    }

    @Test
    void http404IsAnErrorNamingTheUrlAndStatus() throws IOException {
        URI origin = url("/missing.zip");
        IOException e = assertThrows(IOException.class,
                () -> Datasets.getFile("missing.zip", origin, "a".repeat(64), true, cache));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains(origin.toString()), e.getMessage());
        assertEquals(List.of(), cacheListing());
    }

    @Test
    void extractsZipIntoAFolderNamedAfterTheArchive() throws IOException {
        byte[] zip = ArchiveFixtures.zip("top/", "", "top/a.txt", "alpha", "top/sub/b.txt", "beta");
        URI origin = serve("/set.zip", zip);

        Path root = Datasets.getFile("set.zip", origin, sha(zip), true, cache);
        assertEquals(cache.resolve("set"), root);
        assertEquals("alpha", Files.readString(root.resolve("top/a.txt")));
        assertEquals("beta", Files.readString(root.resolve("top/sub/b.txt")));
        assertEquals(List.of("set", "set.zip", "set/" + ArchiveExtractor.MARKER, "set/top", "set/top/a.txt",
                "set/top/sub", "set/top/sub/b.txt"), cacheListing());

        Files.writeString(root.resolve("top/a.txt"), "edited by the user");
        assertEquals(root, Datasets.getFile("set.zip", origin, sha(zip), true, cache));
        assertEquals(1, hits.get());
        assertEquals("edited by the user", Files.readString(root.resolve("top/a.txt")),
                "a complete extraction is reused, not redone");
    }

    @Test
    void downloadedAndExtractedFilesGetTheUsersUsualPermissions() throws IOException {
        assumeTrue(cache.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        byte[] zip = ArchiveFixtures.zip("top/", "", "top/a.txt", "alpha");
        URI origin = serve("/perm.zip", zip);
        Path root = Datasets.getFile("perm.zip", origin, sha(zip), true, cache);
        Path plainFile = Files.createFile(cache.resolve("reference.txt"));
        Path plainFolder = Files.createDirectory(cache.resolve("reference"));
        // temporary files and folders would be 0600 / 0700 whatever the umask
        assertEquals(Files.getPosixFilePermissions(plainFile),
                Files.getPosixFilePermissions(cache.resolve("perm.zip")), "downloaded archive");
        assertEquals(Files.getPosixFilePermissions(plainFolder), Files.getPosixFilePermissions(root),
                "extracted folder");
        assertTrue(Files.getPosixFilePermissions(plainFolder).contains(PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void extractsTarGzWithDirectoriesAndLongPaxNames() throws IOException {
        String longName = "top/" + "d".repeat(120) + "/c.txt";
        byte[] tgz = new ArchiveFixtures().tarEntry("top/", '5', new byte[0], null).tarFile("top/a.txt", "alpha")
                .paxPath(longName).tarFile("top/truncated-name", "gamma").tarGzBytes();
        URI origin = serve("/set.tar.gz", tgz);

        Path root = Datasets.getFile("set.tar.gz", origin, sha(tgz), true, cache);
        assertEquals(cache.resolve("set"), root);
        assertEquals("alpha", Files.readString(root.resolve("top/a.txt")));
        assertEquals("gamma", Files.readString(root.resolve(longName)));
        assertFalse(Files.exists(root.resolve("top/truncated-name")));
    }

    @Test
    void extractsPlainTar(@TempDir Path work) throws IOException {
        Path archive = work.resolve("x.tar");
        Files.write(archive, new ArchiveFixtures().tarFile("one.txt", "1").tarFile("two/two.txt", "2").tarBytes());
        Path out = Datasets.extractArchive(archive, work.resolve("x"));
        assertEquals("1", Files.readString(out.resolve("one.txt")));
        assertEquals("2", Files.readString(out.resolve("two/two.txt")));
    }

    @Test
    void zipSlipEntryIsRefusedAndNothingIsWritten() throws IOException {
        byte[] zip = ArchiveFixtures.zip("ok.txt", "fine", "../evil.txt", "pwned");
        URI origin = serve("/evil.zip", zip);

        IOException e = assertThrows(IOException.class,
                () -> Datasets.getFile("evil.zip", origin, sha(zip), true, cache));
        assertTrue(e.getMessage().contains("'../evil.txt'") && e.getMessage().contains("zip-slip"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("evil.txt")));
        assertFalse(Files.exists(cache.getParent().resolve("evil.txt")));
        assertEquals(List.of("evil.zip"), cacheListing(), "no extraction folder, no temporary folder");
    }

    @Test
    void absoluteAndBackslashEntriesAreRefused(@TempDir Path work) throws IOException {
        for (String name : List.of("/etc/evil.txt", "..\\evil.txt", "a/../../evil.txt")) {
            Path archive = work.resolve("bad.zip");
            Files.write(archive, ArchiveFixtures.zip(name, "x"));
            IOException e = assertThrows(IOException.class,
                    () -> Datasets.extractArchive(archive, work.resolve("out")), name);
            assertTrue(e.getMessage().contains("zip-slip"), e.getMessage());
            assertFalse(Files.exists(work.resolve("out")));
        }
    }

    @Test
    void linksInTarAreRefusedWithAClearMessage(@TempDir Path work) throws IOException {
        Path archive = work.resolve("links.tar.gz");
        Files.write(archive, new ArchiveFixtures().tarFile("a.txt", "a")
                .tarEntry("link", '2', new byte[0], "/etc/passwd").tarGzBytes());
        IOException e = assertThrows(IOException.class, () -> Datasets.extractArchive(archive, work.resolve("out")));
        assertTrue(e.getMessage().contains("'link'") && e.getMessage().contains("symbolic link"), e.getMessage());
        assertFalse(Files.exists(work.resolve("out")));
        try (Stream<Path> list = Files.list(work)) {
            assertEquals(1, list.count(), "the temporary folder is removed");
        }
    }

    @Test
    void duplicateEntriesAreNotOverwritten(@TempDir Path work) throws IOException {
        Path archive = work.resolve("dup.tar");
        Files.write(archive, new ArchiveFixtures().tarFile("a.txt", "first").tarFile("a.txt", "second").tarBytes());
        IOException e = assertThrows(IOException.class, () -> Datasets.extractArchive(archive, work.resolve("out")));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void aFolderNotMadeByConvScopeIsLeftAlone(@TempDir Path work) throws IOException {
        Path archive = work.resolve("set.zip");
        Files.write(archive, ArchiveFixtures.zip("a.txt", "archive"));
        Path mine = Files.createDirectories(work.resolve("set"));
        Files.writeString(mine.resolve("a.txt"), "the user's");
        IOException e = assertThrows(IOException.class, () -> Datasets.extractArchive(archive, mine));
        assertTrue(e.getMessage().contains("not extracted by ConvScope"), e.getMessage());
        assertEquals("the user's", Files.readString(mine.resolve("a.txt")));
    }

    @Test
    void corruptTarHeaderIsReported(@TempDir Path work) throws IOException {
        Path archive = work.resolve("bad.tar");
        byte[] tar = new ArchiveFixtures().tarFile("a.txt", "a").tarBytes();
        tar[0] ^= 1;
        Files.write(archive, tar);
        IOException e = assertThrows(IOException.class, () -> Datasets.extractArchive(archive, work.resolve("out")));
        assertTrue(e.getMessage().contains("corrupt header"), e.getMessage());
    }

    @Test
    void badArgumentsAreRefusedNamingTheParameter() {
        URI ok = url("/x");
        String sha = "a".repeat(64);
        assertMessage("fname", () -> Datasets.getFile("../x", ok, sha, false, cache));
        assertMessage("origin", () -> Datasets.getFile("x", URI.create("ftp://host/x"), sha, false, cache));
        assertMessage("sha256", () -> Datasets.getFile("x", ok, "abc", false, cache));
    }

    private static void assertMessage(String word, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(word), e.getMessage());
    }

    @Test
    void extractionNameStripsArchiveSuffixes() {
        assertEquals("cats_and_dogs", Datasets.extractionName("cats_and_dogs.zip"));
        assertEquals("flowers", Datasets.extractionName("flowers.tar.gz"));
        assertEquals("flowers", Datasets.extractionName("flowers.TGZ"));
        assertEquals("archive_extracted", Datasets.extractionName("archive"));
    }
}
