package io.github.convscope.spark;

import io.github.convscope.data.BadImagePolicy;
import io.github.convscope.random.NumpyRandom;
import io.github.convscope.data.SampleTransform;
import io.github.convscope.image.ByteImage;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoadException;
import io.github.convscope.image.ImageLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs on the executors: turns batch numbers of one epoch into {@link DataSet}s, planning each batch exactly as
 * {@code DirectoryIterator} does (Keras's stream {@code seed + batches seen}, the epoch's permutation drawn by its
 * first batch, then every slot's transform parameters in order) and decoding with ConvScope's {@link ImageLoader}.
 */
final class BatchLoader implements FlatMapFunction<Iterator<Integer>, DataSet>, Serializable {
    private static final long serialVersionUID = 1L;

    private final ReaderSpec spec;
    private final Broadcast<String[]> filenames;
    private final Broadcast<int[]> classes;
    private final CollectionAccumulator<String> skipped;
    private final int epoch;

    BatchLoader(ReaderSpec spec, Broadcast<String[]> filenames, Broadcast<int[]> classes,
            CollectionAccumulator<String> skipped, int epoch) {
        this.spec = spec;
        this.filenames = filenames;
        this.classes = classes;
        this.skipped = skipped;
        this.epoch = epoch;
    }

    @Override
    public Iterator<DataSet> call(Iterator<Integer> batches) throws IOException {
        Task task = new Task();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public DataSet next() {
                if (!batches.hasNext()) {
                    throw new NoSuchElementException();
                }
                return task.batch(batches.next());
            }
        };
    }

    /** One task's state: its loader, transform, file system and the epoch order, made once per partition. */
    private final class Task {
        private final ImageLoader loader = spec.loader();
        @SuppressWarnings("unchecked")
        private final SampleTransform<Object> transform = spec.transform() == null
                ? (SampleTransform<Object>) (SampleTransform<?>) SampleTransform.identity()
                : (SampleTransform<Object>) spec.transform().create();
        private final String[] files = filenames.value();
        private final int[] labelOf = classes.value();
        private final Set<Integer> bad = new HashSet<>();
        private final FileSystem fs;
        private final Path root = new Path(spec.directory());
        private int[] order;

        Task() throws IOException {
            this.fs = root.getFileSystem(spec.conf().get());
        }

        DataSet batch(int batch) {
            int n = spec.samples();
            NumpyRandom random = new NumpyRandom(spec.stream(epoch, batch));
            if (batch == 0) {
                order = spec.shuffle() ? random.permutation(n) : identity(n);
            } else if (order == null) {
                order = spec.shuffle() ? new NumpyRandom(spec.stream(epoch, 0)).permutation(n) : identity(n);
            }
            int first = batch * spec.batchSize();
            int size = Math.min(spec.batchSize(), n - first);
            int h = spec.height();
            int w = spec.width();
            int c = spec.channels();
            Object[] parameters = new Object[size];
            for (int i = 0; i < size; i++) {
                parameters[i] = transform.draw(h, w, c, random);
            }
            int sample = h * w * c;
            float[] features = new float[size * sample];
            int[] actual = new int[size];
            List<Integer> meta = new ArrayList<>(size);
            for (int slot = 0; slot < size; slot++) {
                FloatImage image = load(first + slot, actual, slot);
                FloatImage out = transform.apply(image, parameters[slot]);
                if (out.height() != h || out.width() != w || out.channels() != c) {
                    throw new IllegalStateException("the transform returned a " + out + " for "
                            + describe(actual[slot]) + ", expected " + h + "x" + w + "x" + c);
                }
                System.arraycopy(out.data(), 0, features, slot * sample, sample);
                meta.add(actual[slot]);
            }
            INDArray x = Nd4j.create(features, new long[] {size, h, w, c}, 'c');
            DataSet dataSet = new DataSet(x, spec.classMode().batchLabels(actual, labelOf, spec.numClasses(), x));
            dataSet.setExampleMetaData(meta);
            return dataSet;
        }

        /** The image of epoch position {@code position}; under SKIP a bad file gives way to the next loadable one. */
        private FloatImage load(int position, int[] actual, int slot) {
            int n = spec.samples();
            if (spec.policy() == BadImagePolicy.FAIL) {
                actual[slot] = order[position];
                return read(order[position]);
            }
            for (int k = 0; k < n; k++) {
                int candidate = order[(position + k) % n];
                if (bad.contains(candidate)) {
                    continue;
                }
                try {
                    FloatImage image = read(candidate);
                    actual[slot] = candidate;
                    return image;
                } catch (ImageLoadException e) {
                    bad.add(candidate);
                    skipped.add(describe(candidate) + "\t" + e.getMessage());
                }
            }
            throw new IllegalStateException("none of the " + n + " images could be loaded (all skipped)");
        }

        private FloatImage read(int index) {
            Path path = new Path(root, files[index]);
            byte[] bytes;
            try (InputStream in = fs.open(path)) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                bytes = buffer.toByteArray();
            } catch (java.io.FileNotFoundException e) {
                throw new ImageLoadException(Paths.get(path.toString()), "does not exist", e);
            } catch (IOException e) {
                // an I/O error is not a bad image: the task fails and Spark retries it
                throw new UncheckedIOException("cannot read " + path, e);
            }
            ByteImage image;
            try {
                image = loader.loadBytes(bytes, Paths.get(path.toString()));
            } catch (ImageLoadException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ImageLoadException(Paths.get(path.toString()), "cannot be loaded: " + e, e);
            }
            return image.toFloatImage();
        }

        private String describe(int index) {
            return new Path(root, files[index]).toString();
        }
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
