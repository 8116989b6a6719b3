package io.github.convscope.viz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A 256-entry colour table, applied as matplotlib applies a {@code ListedColormap}.
 *
 * <pre>{@code
 * int argb = Colormap.VIRIDIS.argb(0.5);     // the middle of viridis
 * float[] first = Colormap.VIRIDIS.rgb(0);   // {0.267004, 0.004874, 0.329415}
 * }</pre>
 */
public final class Colormap {
    /** Entries in every table. */
    public static final int SIZE = 256;

    /** matplotlib's default colormap (public-domain data from matplotlib's {@code _cm_listed.py}). */
    public static final Colormap VIRIDIS = load("viridis", "viridis.txt");

    /** Linear black-to-white grey ramp, matplotlib's {@code gray}. */
    public static final Colormap GRAY = gray();

    private final String name;
    private final float[][] table;
    private final int[] argb;

    private Colormap(String name, float[][] table) {
        this.name = name;
        this.table = table;
        this.argb = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            // matplotlib (Colormap.__call__ with bytes=True): (lut * 255).astype(uint8), i.e. truncation.
            int r = (int) (table[i][0] * 255);
            int g = (int) (table[i][1] * 255);
            int b = (int) (table[i][2] * 255);
            argb[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
    }

    /** The colormap's matplotlib name. */
    public String name() {
        return name;
    }

    /** Entry {@code index} (0..255) as {@code {r, g, b}} in [0, 1] (a copy). */
    public float[] rgb(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IndexOutOfBoundsException("index must be in [0, 255], got " + index);
        }
        return table[index].clone();
    }

    /** Entry {@code index} (0..255) as an opaque 8-bit ARGB pixel. */
    public int argbAt(int index) {
        if (index < 0 || index >= SIZE) {
            throw new IndexOutOfBoundsException("index must be in [0, 255], got " + index);
        }
        return argb[index];
    }

    /**
     * The colour of a normalised value: matplotlib's lookup {@code index = int(x * 256)}, with 1.0 mapped to the
     * last entry, values below 0 to the first and above 1 (or NaN) to the ends.
     */
    public int argb(double normalized) {
        return argb[index(normalized)];
    }

    /** The table index matplotlib uses for a normalised value. */
    public static int index(double normalized) {
        if (Double.isNaN(normalized) || normalized < 0) {
            return 0;
        }
        // matplotlib: xa = x * N; xa[xa == N] = N - 1; clip; astype(int).
        return (int) Math.min(SIZE - 1, Math.floor(normalized * SIZE));
    }

    @Override
    public String toString() {
        return "Colormap[" + name + "]";
    }

    private static Colormap gray() {
        float[][] t = new float[SIZE][];
        for (int i = 0; i < SIZE; i++) {
            float v = i / 255f;
            t[i] = new float[] {v, v, v};
        }
        return new Colormap("gray", t);
    }

    private static Colormap load(String name, String resource) {
        List<float[]> rows = new ArrayList<>();
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colormap table " + resource + " missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                rows.add(new float[] {Float.parseFloat(parts[0]), Float.parseFloat(parts[1]),
                    Float.parseFloat(parts[2])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colormap table " + resource, e);
        }
        if (rows.size() != SIZE) {
            throw new IllegalStateException("colormap " + name + " has " + rows.size() + " entries, expected " + SIZE);
        }
        return new Colormap(name, rows.toArray(new float[0][]));
    }
}
