package io.github.convscope.data;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Batches from in-memory arrays, Keras's {@code ImageDataGenerator.flow(x, y)}, as a DL4J {@link DataSetIterator}.
 *
 * <pre>{@code
 * ArrayIterator it = ArrayIterator.builder(images, labels).batchSize(16).seed(3).build();  // images NHWC
 * DataSet batch = it.next();
 * }</pre>
 *
 * <p>{@code x} is an NHWC array {@code [n, height, width, channels]}, copied as float32 at build(). {@code y}, when
 * given, has one row per sample and is returned row for row, keeping its data type: rank 1 becomes a column
 * {@code [batch, 1]}, higher ranks are flattened to {@code [batch, values]}. Batches, seeding, epochs, workers and {@link #reset()} work as described in {@link BatchIterator}; the
 * save-name hashes are {@code randint(10^4)} as in Keras's {@code NumpyArrayIterator}.
 */
public final class ArrayIterator extends BatchIterator {
    private final INDArray y;
    private final long[] labelShape;

    private ArrayIterator(Builder b, float[] data, int first, int count, INDArray y, long seed) {
        super(b.pipeline(new ArraySource(data, first, count, imageShape(b.x)), seed, BadImagePolicy.FAIL,
                10_000L), // Keras flow(): randint(1e4) for save names
                imageShape(b.x), b.batchSize, seed);
        this.y = y;
        this.labelShape = y == null ? null : y.shape();
    }

    private static int[] imageShape(INDArray x) {
        return new int[] {(int) x.size(1), (int) x.size(2), (int) x.size(3)};
    }

    /** A builder over images {@code x} (NHWC) and optional labels {@code y} (null for features only). */
    public static Builder builder(INDArray x, INDArray y) {
        return new Builder(x, y);
    }

    @Override
    INDArray labels(int[] indices, INDArray features) {
        if (y == null) {
            return null;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long[] shape = labelShape.clone();
            shape[0] = indices.length;
            INDArray labels = Nd4j.pullRows(y, 1, indices);
            return labels.reshape('c', shape.length == 1 ? new long[] {shape[0], 1} : shape);
        }
    }

    @Override
    public int totalOutcomes() {
        return y == null ? 0 : (int) (y.length() / Math.max(1, y.size(0)));
    }

    /** Arrays have no class names: always null. */
    @Override
    public List<String> getLabels() {
        return null;
    }

    /** Builds an {@link ArrayIterator}; settings have Keras's names and defaults and are checked at build(). */
    public static final class Builder extends BatchIterator.Builder<Builder> {
        private final INDArray x;
        private final INDArray yAll;

        private Builder(INDArray x, INDArray y) {
            this.x = x;
            this.yAll = y;
        }

        @Override
        Builder self() {
            return this;
        }

        /** Checks the settings, copies {@code x} as float32 and starts the iterator. */
        public ArrayIterator build() {
            if (x == null || x.rank() != 4) {
                throw new IllegalArgumentException("x must be a rank-4 NHWC array [n, height, width, channels], got "
                        + (x == null ? "null" : Arrays.toString(x.shape())));
            }
            long n = x.size(0);
            if (x.length() > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("x must have fewer than 2^31 values, got " + x.length());
            }
            if (yAll != null && (yAll.rank() < 1 || yAll.size(0) != n)) {
                throw new IllegalArgumentException("y must have one row per sample of x (" + n + "), got shape "
                        + Arrays.toString(yAll.shape()));
            }
            checkShared((int) x.size(3));
            if (saveToDir != null) {
                if (x.size(3) != 1 && x.size(3) != 3 && x.size(3) != 4) {
                    throw new IllegalArgumentException("saveToDir needs images with 1, 3 or 4 channels, got "
                            + x.size(3));
                }
            }
            int first = 0;
            int count = (int) n;
            INDArray y = yAll;
            if (subset != null) {
                int split = (int) (n * validationSplit); // Keras flow(): split_idx = int(len(x) * validation_split)
                if (yAll != null && !uniqueValues(yAll, 0, split).equals(uniqueValues(yAll, split, (int) n))) {
                    throw new IllegalArgumentException("Training and validation subsets have different number of "
                            + "classes after the split. If your arrays are sorted by the label, you might want to "
                            + "shuffle them.");
                }
                first = subset == Subset.VALIDATION ? 0 : split;
                count = subset == Subset.VALIDATION ? split : (int) n - split;
            }
            if (y != null) {
                y = count == 0 ? null : y.get(NDArrayIndex.interval(first, first + count)).dup('c');
                if (y != null && y.rank() > 2) {
                    y = y.reshape('c', count, y.length() / count);
                } else if (y != null && y.rank() == 1) {
                    y = y.reshape('c', count, 1);
                }
            }
            float[] data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
            return new ArrayIterator(this, data, first, count, y, seedOrRandom());
        }

        // numpy.unique over every value of y[from:to]
        private static Set<Double> uniqueValues(INDArray y, int from, int to) {
            Set<Double> values = new TreeSet<>();
            if (to > from) {
                for (double v : y.get(NDArrayIndex.interval(from, to)).dup('c').data().asDouble()) {
                    values.add(v);
                }
            }
            return values;
        }
    }
}
