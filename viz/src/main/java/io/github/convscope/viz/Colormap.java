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

    /**
     * matplotlib's {@code jet} (blue, cyan, yellow, red), the usual Grad-CAM colours, built from matplotlib's segment
     * data as its {@code LinearSegmentedColormap} does.
     */
    public static final Colormap JET = segmented("jet",
            new double[][] {{0, 0}, {0.35, 0}, {0.66, 1}, {0.89, 1}, {1, 0.5}},
            new double[][] {{0, 0}, {0.125, 0}, {0.375, 1}, {0.64, 1}, {0.91, 0}, {1, 0}},
            new double[][] {{0, 0.5}, {0.11, 1}, {0.34, 1}, {0.65, 0}, {1, 0}});

    private final String name;
    private final float[][] table;
    private final int[] argb;

    private Colormap(String name, float[][] table) {
        this(name, table, toDouble(table));
    }

    /** {@code exact}: the table in double precision, as matplotlib holds its lookup table, for the 8-bit colours. */
    private Colormap(String name, float[][] table, double[][] exact) {
        this.name = name;
        this.table = table;
        this.argb = new int[SIZE];
        for (int i = 0; i < SIZE; i++) {
            // matplotlib (Colormap.__call__ with bytes=True): (lut * 255).astype(uint8), i.e. truncation.
            int r = (int) (exact[i][0] * 255);
            int g = (int) (exact[i][1] * 255);
            int b = (int) (exact[i][2] * 255);
            argb[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
    }

    private static double[][] toDouble(float[][] table) {
        double[][] d = new double[table.length][3];
        for (int i = 0; i < table.length; i++) {
            for (int k = 0; k < 3; k++) {
                d[i][k] = table[i][k];
            }
        }
        return d;
    }

    /**
     * A user's colormap from 256 RGB entries, applied as the built-in ones.
     *
     * @param name  a name for messages
     * @param table 256 rows of {@code {r, g, b}} in [0, 1] (copied)
     * @return the colormap
     * @throws IllegalArgumentException when the table does not have 256 rows of 3 values in [0, 1]
     */
    public static Colormap of(String name, float[][] table) {
        if (table == null || table.length != SIZE) {
            throw new IllegalArgumentException("table must have " + SIZE + " rows of {r, g, b}, found "
                    + (table == null ? "null" : table.length + " rows"));
        }
        float[][] copy = new float[SIZE][];
        for (int i = 0; i < SIZE; i++) {
            if (table[i] == null || table[i].length != 3) {
                throw new IllegalArgumentException("table row " + i + " must hold 3 values (r, g, b)");
            }
            for (float v : table[i]) {
                if (!(v >= 0 && v <= 1)) {
                    throw new IllegalArgumentException("table row " + i + " has " + v + "; values must lie in [0, 1]");
                }
            }
            copy[i] = table[i].clone();
        }
        return new Colormap(name, copy);
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

    /** matplotlib's _create_lookup_table for segments whose two y values agree: linear between the anchors. */
    private static Colormap segmented(String name, double[][] red, double[][] green, double[][] blue) {
        float[][] t = new float[SIZE][];
        double[][] exact = new double[SIZE][];
        for (int i = 0; i < SIZE; i++) {
            // matplotlib works on positions scaled to the table: xind = (N - 1) * linspace(0, 1, N), x = x * (N - 1)
            double x = (SIZE - 1) * (i * (1.0 / (SIZE - 1)));
            if (i == SIZE - 1) {
                x = SIZE - 1;
            }
            exact[i] = new double[] {segment(red, x), segment(green, x), segment(blue, x)};
            t[i] = new float[] {(float) exact[i][0], (float) exact[i][1], (float) exact[i][2]};
        }
        return new Colormap(name, t, exact);
    }

    private static double segment(double[][] anchors, double x) {
        for (int k = 1; k < anchors.length; k++) {
            double x1 = anchors[k][0] * (SIZE - 1);
            if (x <= x1) {
                double x0 = anchors[k - 1][0] * (SIZE - 1);
                double t = (x - x0) / (x1 - x0);
                return anchors[k - 1][1] + t * (anchors[k][1] - anchors[k - 1][1]);
            }
        }
        return anchors[anchors.length - 1][1];
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
