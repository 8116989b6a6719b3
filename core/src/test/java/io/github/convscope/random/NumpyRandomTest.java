package io.github.convscope.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Golden values from NumPy 1.24's legacy RandomState (Debian python3-numpy):
 * <pre>
 * np.random.seed(42); np.random.random_sample(3)
 * np.random.seed(42); np.random.permutation(10)
 * np.random.seed(7); [np.random.randint(10**7) for _ in range(3)], np.random.uniform(-45, 45),
 *                    np.random.choice(5), np.random.choice([-1, 1])
 * </pre>
 */
class NumpyRandomTest {

    @Test
    void randomSampleMatchesNumpy() {
        NumpyRandom random = new NumpyRandom(42);
        assertEquals(0.3745401188473625, random.randomSample(), 0.0);
        assertEquals(0.9507143064099162, random.randomSample(), 0.0);
        assertEquals(0.7319939418114051, random.randomSample(), 0.0);
    }

    @Test
    void permutationMatchesNumpy() {
        assertArrayEquals(new int[] {8, 1, 5, 0, 7, 2, 9, 4, 3, 6}, new NumpyRandom(42).permutation(10));
    }

    @Test
    void integerDrawsMatchNumpy() {
        NumpyRandom random = new NumpyRandom(7);
        assertEquals(8974511, random.randint(10_000_000));
        assertEquals(3335364, random.randint(10_000_000));
        assertEquals(3905091, random.randint(10_000_000));
        assertEquals(43.04006073707242, random.uniform(-45, 45), 0.0);
        assertEquals(4, random.randint(5));
        assertEquals(1, random.randint(2)); // choice([-1, 1]) picked index 1
    }

    @Test
    void refusesSeedsOutsideNumpyRange() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
    }
}
