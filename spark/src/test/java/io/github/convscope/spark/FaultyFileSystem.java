package io.github.convscope.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code faulty:}, which serves damaged bytes for one chosen file once: the
 * first decode of that file fails, a retried task reads it intact. Executors of a local master share this JVM.
 */
public class FaultyFileSystem extends RawLocalFileSystem {
    static final AtomicReference<String> TARGET = new AtomicReference<>();
    static final AtomicInteger FIRED = new AtomicInteger();

    /** Damage the next read of the file whose path ends with {@code suffix}. */
    static void arm(String suffix) {
        FIRED.set(0);
        TARGET.set(suffix);
    }

    @Override
    public URI getUri() {
        return URI.create("faulty:///");
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        String target = TARGET.get();
        if (target != null && f.toString().endsWith(target) && TARGET.compareAndSet(target, null)) {
            FIRED.incrementAndGet();
            java.nio.file.Path damaged = Files.createTempFile("damaged", ".png");
            Files.write(damaged, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
            damaged.toFile().deleteOnExit();
            return super.open(new Path("faulty://" + damaged.toAbsolutePath()), bufferSize);
        }
        return super.open(f, bufferSize);
    }
}
