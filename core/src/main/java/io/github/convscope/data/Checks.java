package io.github.convscope.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The build-time argument checks the iterator builders share; each message names the parameter and its range. */
final class Checks {
    private Checks() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    static void notNull(String name, Object value, String allowed) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be one of " + allowed + ", got null");
        }
    }

    static void common(int batchSize, Long seed, double validationSplit, int workers, int prefetch) {
        positive("batchSize", batchSize);
        if (seed != null && (seed < 0 || seed > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException("seed must be in [0, 2^32 - 1] (NumPy's range), got " + seed);
        }
        // Keras: a validation_split that is set must lie strictly between 0 and 1; 0 means none
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("validationSplit must be in [0, 1) (0 = no split), got "
                    + validationSplit);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be in [1, 256], got " + workers);
        }
        if (prefetch < 1 || prefetch > 64) {
            throw new IllegalArgumentException("prefetch must be in [1, 64] batches, got " + prefetch);
        }
    }

    static void classNames(List<String> classes) {
        if (classes == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (String name : classes) {
            if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                    || name.contains("\\")) {
                throw new IllegalArgumentException("classes must be names of sub-folders (not empty, '.', '..' or "
                        + "containing a separator), got " + (name == null ? "null" : "'" + name + "'"));
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("classes must not repeat a name, got '" + name + "' twice");
            }
        }
    }

    /**
     * A seed for an iterator built without one, drawn once so that its batches still do not depend on the number
     * of threads; below 2^31 so that seed + batches seen stays in NumPy's range for billions of batches.
     */
    static long randomSeed() {
        return ThreadLocalRandom.current().nextLong(1L << 31);
    }
}
