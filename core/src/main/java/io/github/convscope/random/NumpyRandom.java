package io.github.convscope.random;

/**
 * NumPy's legacy {@code RandomState} stream (MT19937) in Java, so that seeded shuffles and augmentations draw the
 * same numbers as Keras does.
 *
 * <pre>{@code
 * NumpyRandom random = new NumpyRandom(42);
 * int[] order = random.permutation(10);   // np.random.seed(42); np.random.permutation(10)
 * }</pre>
 *
 * <p>Not thread-safe: each batch plan uses its own instance.
 */
public final class NumpyRandom {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;

    /** Seeds the stream like {@code np.random.seed(seed)} for 0 &lt;= seed &lt; 2^32 (MT19937 {@code init_genrand}). */
    public NumpyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be in [0, 2^32 - 1], got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            // MT19937 init_genrand: multiplier 1812433253, as NumPy's legacy seeding of an integer.
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next raw 32-bit output, as an unsigned value in a long. */
    public long nextUint32() {
        if (index >= N) {
            generate();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void generate() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** {@code np.random.random_sample()}: a double in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.uniform(low, high)}: {@code low + (high - low) * random_sample()}. */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /**
     * An integer uniform in [0, max] by NumPy's masked rejection: draw 32 bits, keep the bits under the smallest
     * all-ones mask covering {@code max}, and redraw until the value is at most {@code max}.
     */
    public long boundedInt(long max) {
        if (max < 0 || max > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max must be in [0, 2^32 - 1], got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return value;
    }

    /** {@code np.random.randint(n)} (and {@code np.random.choice(n)}): an integer in [0, n). */
    public long randint(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        return boundedInt(n - 1);
    }

    /** {@code np.random.permutation(n)}: Fisher-Yates from the last index down, as NumPy's legacy shuffle. */
    public int[] permutation(int n) {
        int[] result = new int[n];
        for (int i = 0; i < n; i++) {
            result[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = (int) boundedInt(i);
            int t = result[i];
            result[i] = result[j];
            result[j] = t;
        }
        return result;
    }
}
