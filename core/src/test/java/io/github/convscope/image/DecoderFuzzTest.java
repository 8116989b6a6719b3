package io.github.convscope.image;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of the decoders and the header reader: random truncations, bit flips and corrupted length
 * fields of every file of the golden corpus must end in an image or in an {@link ImageLoadException} naming the file,
 * never in another exception, a hang past {@link #TIME_LIMIT_SECONDS} or more than {@link #HEAP_LIMIT_BYTES} of heap
 * allocated by the decode (native memory is bounded by {@code maxPixels} and {@code maxFileBytes}).
 *
 * <p>The number of cases per property is jqwik's {@code jqwik.tries.default} (see {@code junit-platform.properties},
 * kept small for CI); the long run raises it: {@code mvn -pl core test -Dtest=DecoderFuzzTest
 * -Djqwik.tries.default=50000}. A failing case is reported with its seed, which reproduces it.
 */
class DecoderFuzzTest {
    static final long TIME_LIMIT_SECONDS = 10;
    static final long HEAP_LIMIT_BYTES = 256L << 20;
    private static final Path NAME = Path.of("fuzz", "case.img");
    private static final long MAX_PIXELS = 4_000_000;
    private static final List<byte[]> SEEDS = seeds();
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "decoder-fuzz");
        t.setDaemon(true);
        return t;
    });

    /**
     * Loads every seed once before any property runs, on the runner thread: the first decode loads OpenCV's and
     * libjpeg-turbo's native libraries, which on a loaded machine takes longer than the time limit of a case.
     */
    @BeforeContainer
    static void warmUp() throws Exception {
        ImageLoader loader = ImageLoader.builder().build();
        RUNNER.submit(() -> {
            for (byte[] seed : SEEDS) {
                try {
                    loader.loadBytes(seed, NAME);
                } catch (ImageLoadException e) {
                    // every seed loads; a failure here is reported by the properties with its case
                }
            }
            return null;
        }).get();
    }

    @AfterContainer
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    private static List<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        String table = new String(ImageLoaderGoldenTest.resource("cases.tsv"), StandardCharsets.UTF_8);
        for (String line : table.split("\n")) {
            String source = line.split("\t")[0];
            if (!line.startsWith("#") && !line.isBlank() && !source.startsWith("photo")) {
                byte[] bytes = ImageLoaderGoldenTest.resource(source);
                if (seeds.stream().noneMatch(s -> Arrays.equals(s, bytes))) {
                    seeds.add(bytes);
                }
            }
        }
        return List.copyOf(seeds);
    }

    @Property
    void truncatedFilesLoadOrFailNamingTheFile(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] file = pick(random);
        check(Arrays.copyOf(file, random.nextInt(file.length)), random);
    }

    @Property
    void bitFlippedFilesLoadOrFailNamingTheFile(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] file = pick(random).clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            // half of the flips land in the first 64 bytes, where the headers are
            int at = random.nextBoolean() ? random.nextInt(Math.min(64, file.length)) : random.nextInt(file.length);
            file[at] ^= (byte) (1 << random.nextInt(8));
        }
        check(file, random);
    }

    @Property
    void corruptedLengthFieldsLoadOrFailNamingTheFile(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        byte[] file = pick(random).clone();
        List<int[]> fields = LengthFields.of(file);
        int[] field = fields.get(random.nextInt(fields.size()));
        long value = switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Integer.MAX_VALUE;
            case 3 -> 1L << (8 * field[1] - 1);
            case 4 -> random.nextInt(1 << Math.min(16, 8 * field[1]));
            default -> LengthFields.read(file, field) + random.nextInt(33) - 16;
        };
        LengthFields.write(file, field, value);
        check(file, random);
    }

    @Property
    void theHeaderReaderNeverThrows(@ForAll long seed) {
        Random random = new Random(seed);
        byte[] file = pick(random).clone();
        file = Arrays.copyOf(file, 1 + random.nextInt(Math.min(file.length, 200)));
        for (int i = 0; i < 4; i++) {
            file[random.nextInt(file.length)] = (byte) random.nextInt(256);
        }
        ImageHeader.sniff(file);
        ImageHeader.tiffFloatSamples(file);
    }

    private static byte[] pick(Random random) {
        return SEEDS.get(random.nextInt(SEEDS.size()));
    }

    /** Loads {@code bytes} with a random colour mode and size, under the time and heap limits. */
    private static void check(byte[] bytes, Random random) throws Exception {
        ColorMode mode = ColorMode.values()[random.nextInt(ColorMode.values().length)];
        ImageLoader.Builder builder = ImageLoader.builder().colorMode(mode).maxPixels(MAX_PIXELS);
        if (random.nextBoolean()) {
            builder.targetSize(3 + random.nextInt(5), 3 + random.nextInt(5))
                    .interpolation(Interpolation.values()[random.nextInt(Interpolation.values().length)]);
        }
        ImageLoader loader = builder.build();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Future<long[]> run = RUNNER.submit(() -> {
            long thread = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(thread);
            try {
                ByteImage image = loader.loadBytes(bytes, NAME);
                if (image.channels() != mode.channels()) {
                    throw new AssertionError("loaded " + image + " in colour mode " + mode);
                }
            } catch (ImageLoadException e) {
                if (!NAME.equals(e.path()) || !e.getMessage().startsWith(NAME.toString())) {
                    throw new AssertionError("the error does not name the file: " + e.getMessage(), e);
                }
            }
            return new long[] {threads.getThreadAllocatedBytes(thread) - before};
        });
        long allocated;
        try {
            allocated = run.get(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)[0];
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("the decode ran past " + TIME_LIMIT_SECONDS + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("not an image and not an ImageLoadException: " + e.getCause(), e.getCause());
        }
        if (allocated > HEAP_LIMIT_BYTES) {
            throw new AssertionError("the decode allocated " + allocated + " bytes of heap");
        }
    }
}
