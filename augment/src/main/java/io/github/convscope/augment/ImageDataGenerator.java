package io.github.convscope.augment;

import io.github.convscope.data.ArrayIterator;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.random.NumpyRandom;
import io.github.convscope.data.SampleTransform;
import io.github.convscope.image.FloatImage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keras's {@code ImageDataGenerator} (keras_preprocessing 1.1.0): random augmentation and standardisation of HWC
 * float32 images, with the same parameters, the same random stream and the same pixels as Keras.
 *
 * <pre>{@code
 * ImageDataGenerator augmented = ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(45)
 *         .widthShiftRange(0.15).heightShiftRange(0.15).horizontalFlip(true).zoomRange(0.5).build();
 * FloatImage out = augmented.randomTransform(image, 42L);
 * }</pre>
 *
 * <p>Per image, the iterators run {@link #getRandomTransform} (on one thread, in sample order), then
 * {@link #applyTransform} and {@link #standardize} (on loader threads): this class is their {@link SampleTransform}.
 * Keras's settings are in {@link GeneratorSettings.Builder}; where ConvScope validates more strictly than Keras, the builder method
 * says so. Images are channels-last only (Keras's default {@code data_format}).
 *
 * <p>Augmented training and plain validation from one folder take two generators with the same
 * {@code validationSplit}, as Keras requires:
 * <pre>{@code
 * ImageDataGenerator trainGen = ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(45)
 *         .horizontalFlip(true).validationSplit(0.2).build();
 * ImageDataGenerator validGen = ImageDataGenerator.builder().rescale(1.0 / 255).validationSplit(0.2).build();
 * DirectoryIterator train = trainGen.flowFromDirectory(dir).subset(Subset.TRAINING).seed(1).build();
 * DirectoryIterator valid = validGen.flowFromDirectory(dir).subset(Subset.VALIDATION).shuffle(false).build();
 * }</pre>
 *
 * <p>{@link #fit} changes the fitted statistics of this generator (like Keras); everything else is immutable and
 * thread-safe. Seedless draws continue the generator's own stream, which a seeded call re-seeds, like Keras's
 * global NumPy stream.
 */
public final class ImageDataGenerator implements SampleTransform<TransformParameters> {
    private static final Logger LOG = LoggerFactory.getLogger(ImageDataGenerator.class);

    private final GeneratorSettings settings;
    private final AtomicBoolean warnedUnfitted = new AtomicBoolean();
    private volatile FitStatistics statistics = FitStatistics.none();
    private NumpyRandom stream = new NumpyRandom(new SecureRandom().nextInt() & 0xFFFFFFFFL);

    ImageDataGenerator(GeneratorSettings settings) {
        this.settings = settings;
    }

    /** A builder with Keras's defaults (no augmentation, no rescaling). */
    public static GeneratorSettings.Builder builder() {
        return new GeneratorSettings.Builder();
    }

    /** The settings this generator was built with (after Keras's implied settings). */
    public GeneratorSettings settings() {
        return settings;
    }

    /**
     * Keras {@code flow_from_directory}: a {@link DirectoryIterator} builder over the class sub-folders of
     * {@code directory}, with this generator as its per-sample transform and its {@code validationSplit}; set
     * {@code targetSize}, {@code batchSize}, {@code classMode}, {@code subset}, {@code seed} ... and build().
     */
    public DirectoryIterator.Builder flowFromDirectory(Path directory) {
        return DirectoryIterator.builder(directory).transform(this).validationSplit(settings.validationSplit());
    }

    /**
     * Keras {@code flow}: an {@link ArrayIterator} builder over NHWC images {@code x} and labels {@code y} (null
     * for none), with this generator as its per-sample transform and its {@code validationSplit}.
     */
    public ArrayIterator.Builder flow(INDArray x, INDArray y) {
        return ArrayIterator.builder(x, y).transform(this).validationSplit(settings.validationSplit());
    }

    /**
     * Keras {@code get_random_transform}: draws one image's parameters for an image of shape {height, width,
     * channels}. With a seed the generator's stream is re-seeded first (later seedless calls continue it).
     */
    public synchronized TransformParameters getRandomTransform(int[] imageShape, Long seed) {
        if (imageShape == null || imageShape.length != 3) {
            throw new IllegalArgumentException("imageShape must be {height, width, channels}");
        }
        if (seed != null) {
            stream = new NumpyRandom(seed);
        }
        return drawParameters(imageShape[0], imageShape[1], stream);
    }

    /** Draws one sample's parameters from the iterator's stream (the {@link SampleTransform} hook). */
    @Override
    public TransformParameters draw(int height, int width, int channels, NumpyRandom random) {
        return drawParameters(height, width, random);
    }

    /** Augments then standardises one image (the {@link SampleTransform} hook); may reuse {@code image}. */
    @Override
    public FloatImage apply(FloatImage image, TransformParameters parameters) {
        return standardize(transform(image, parameters, true));
    }

    /** Keras's draw order (section 2.1): theta, tx, ty, shear, zx, zy, both flips always, channel shift, brightness. */
    private TransformParameters drawParameters(int height, int width, NumpyRandom random) {
        GeneratorSettings s = settings;
        TransformParameters.Builder p = TransformParameters.builder();
        if (s.rotationRange() != 0) {
            p.theta(random.uniform(-s.rotationRange(), s.rotationRange()));
        }
        if (s.heightShiftRange().isActive()) {
            p.tx(s.heightShiftRange().draw(height, random));
        }
        if (s.widthShiftRange().isActive()) {
            p.ty(s.widthShiftRange().draw(width, random));
        }
        if (s.shearRange() != 0) {
            p.shear(random.uniform(-s.shearRange(), s.shearRange()));
        }
        if (!(s.zoomLow() == 1 && s.zoomHigh() == 1)) {
            p.zx(random.uniform(s.zoomLow(), s.zoomHigh()));
            p.zy(random.uniform(s.zoomLow(), s.zoomHigh()));
        }
        p.flipHorizontal(random.randomSample() < 0.5 && s.horizontalFlip());
        p.flipVertical(random.randomSample() < 0.5 && s.verticalFlip());
        if (s.channelShiftRange() != 0) {
            p.channelShiftIntensity(random.uniform(-s.channelShiftRange(), s.channelShiftRange()));
        }
        if (s.brightnessRange() != null) {
            p.brightness(random.uniform(s.brightnessRange()[0], s.brightnessRange()[1]));
        }
        return p.build();
    }

    /**
     * Keras {@code apply_transform}: one affine warp (skipped when neutral), channel shift, horizontal flip,
     * vertical flip, brightness. Returns a new image; {@code image} is not changed.
     */
    public FloatImage applyTransform(FloatImage image, TransformParameters parameters) {
        return transform(image, parameters, false);
    }

    /** Keras {@code random_transform}: {@link #getRandomTransform} for the image's shape, then {@link #applyTransform}. */
    public FloatImage randomTransform(FloatImage image, Long seed) {
        return applyTransform(image, getRandomTransform(image.shape(), seed));
    }

    private FloatImage transform(FloatImage image, TransformParameters p, boolean inPlace) {
        int h = image.height();
        int w = image.width();
        int c = image.channels();
        float[] data;
        double[] matrix = AffineWarp.pullMatrix(p, h, w);
        boolean flipsDone = false;
        if (matrix != null) {
            data = new float[image.data().length];
            AffineWarp.warp(image.data(), data, h, w, c, matrix, settings.interpolationOrder(), settings.fillMode(),
                    (float) settings.cval(), p.flipHorizontal(), p.flipVertical());
            flipsDone = true;
        } else {
            data = inPlace ? image.data() : image.data().clone();
        }
        if (p.channelShiftIntensity().isPresent()) {
            IntensityShifts.channelShift(data, p.channelShiftIntensity().getAsDouble());
        }
        if (!flipsDone) {
            flip(data, h, w, c, p.flipHorizontal(), p.flipVertical());
        }
        if (p.brightness().isPresent()) {
            IntensityShifts.brightness(data, c, p.brightness().getAsDouble());
        }
        return data == image.data() ? image : new FloatImage(h, w, c, data);
    }

    private static void flip(float[] data, int h, int w, int c, boolean horizontal, boolean vertical) {
        int rowLength = w * c;
        if (horizontal) {
            for (int r = 0; r < h; r++) {
                int row = r * rowLength;
                for (int a = 0, b = w - 1; a < b; a++, b--) {
                    for (int ch = 0; ch < c; ch++) {
                        float t = data[row + a * c + ch];
                        data[row + a * c + ch] = data[row + b * c + ch];
                        data[row + b * c + ch] = t;
                    }
                }
            }
        }
        if (vertical) {
            float[] tmp = new float[rowLength];
            for (int a = 0, b = h - 1; a < b; a++, b--) {
                System.arraycopy(data, a * rowLength, tmp, 0, rowLength);
                System.arraycopy(data, b * rowLength, data, a * rowLength, rowLength);
                System.arraycopy(tmp, 0, data, b * rowLength, rowLength);
            }
        }
    }

    /**
     * Keras {@code standardize} on one image, in this order: preprocessing function, rescale (a float32 multiply),
     * samplewise centre, samplewise std, featurewise centre, featurewise std, ZCA. Changes {@code image} in place
     * and returns it (or the preprocessing function's result).
     */
    public FloatImage standardize(FloatImage image) {
        GeneratorSettings s = settings;
        FloatImage x = image;
        if (s.preprocessingFunction() != null) {
            x = s.preprocessingFunction().apply(x);
        }
        float[] d = x.data();
        if (s.rescale() != 0) {
            float scale = (float) s.rescale(); // Keras: x *= rescale, a float32 multiply (not a division)
            for (int i = 0; i < d.length; i++) {
                d[i] *= scale;
            }
        }
        if (s.samplewiseCenter()) {
            float mean = NumpyFloat32.mean(d); // over all of H x W x C (Keras)
            for (int i = 0; i < d.length; i++) {
                d[i] -= mean;
            }
        }
        if (s.samplewiseStdNormalization()) {
            float divisor = NumpyFloat32.std(d) + 1e-6f;
            for (int i = 0; i < d.length; i++) {
                d[i] /= divisor;
            }
        }
        FitStatistics stats = statistics;
        int c = x.channels();
        if (s.featurewiseCenter()) {
            if (stats.mean != null) {
                checkChannels(stats.mean.length, c);
                for (int i = 0; i < d.length; i++) {
                    d[i] -= stats.mean[i % c];
                }
            } else {
                warnUnfitted("featurewiseCenter");
            }
        }
        if (s.featurewiseStdNormalization()) {
            if (stats.std != null) {
                checkChannels(stats.std.length, c);
                for (int i = 0; i < d.length; i++) {
                    d[i] /= stats.std[i % c] + 1e-6f;
                }
            } else {
                warnUnfitted("featurewiseStdNormalization");
            }
        }
        if (s.zcaWhitening()) {
            if (stats.principalComponents != null) {
                whiten(d, stats);
            } else {
                warnUnfitted("zcaWhitening");
            }
        }
        return x;
    }

    private static void checkChannels(int fitted, int channels) {
        if (fitted != channels) {
            throw new IllegalArgumentException("the generator was fitted on " + fitted
                    + "-channel images, got an image with " + channels + " channels");
        }
    }

    private static void whiten(float[] d, FitStatistics stats) {
        int n = stats.zcaSize;
        if (d.length != n) {
            throw new IllegalArgumentException("the ZCA matrix was fitted on images of " + n
                    + " values, got an image of " + d.length);
        }
        float[] pc = stats.principalComponents;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = d[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += v * pc[row + j];
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = (float) out[j];
        }
    }

    private void warnUnfitted(String setting) {
        // Keras warns on every call; once per generator is enough to be seen without flooding the log
        if (warnedUnfitted.compareAndSet(false, true)) {
            LOG.warn("This ImageDataGenerator specifies {}, but it has not been fit on any training data. "
                    + "Fit it first by calling fit(x).", setting);
        }
    }

    /** {@code fit(x, false, 1, null)}: statistics of {@code x} as it is. */
    public void fit(INDArray x) {
        fit(x, false, 1, null);
    }

    /**
     * Keras {@code fit}: computes the per-channel mean / std and the ZCA matrix that the featurewise settings need,
     * from NHWC data {@code x} (rank 4). With {@code augment}, {@code rounds} randomly transformed copies are used
     * (round-major), drawn from the generator's stream re-seeded once with {@code seed} when given. As in Keras
     * 1.1.0, {@code rescale} and the preprocessing function are <em>not</em> applied here. A ZCA fit whose
     * (H*W*C)^2 matrix would not fit in memory is refused with an {@link IllegalArgumentException} giving its size.
     */
    public void fit(INDArray x, boolean augment, int rounds, Long seed) {
        if (x == null || x.rank() != 4) {
            throw new IllegalArgumentException("fit needs rank-4 NHWC data, got shape "
                    + (x == null ? "null" : java.util.Arrays.toString(x.shape())));
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        int n = Math.toIntExact(x.size(0));
        int h = Math.toIntExact(x.size(1));
        int w = Math.toIntExact(x.size(2));
        int c = Math.toIntExact(x.size(3));
        if (c != 1 && c != 3 && c != 4) {
            LOG.warn("Expected images with 1, 3 or 4 channels on axis 3, got shape {} ({} channels)",
                    java.util.Arrays.toString(x.shape()), c);
        }
        GeneratorSettings s = settings;
        if (s.zcaWhitening()) {
            FitStatistics.checkZcaFits(h, w, c);
        }
        float[] data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int size = h * w * c;
        if (augment) {
            float[] augmented = new float[Math.multiplyExact(Math.multiplyExact(rounds, n), size)];
            synchronized (this) {
                if (seed != null) {
                    stream = new NumpyRandom(seed);
                }
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < n; i++) {
                        float[] one = java.util.Arrays.copyOfRange(data, i * size, (i + 1) * size);
                        FloatImage image = new FloatImage(h, w, c, one);
                        FloatImage out = applyTransform(image, drawParameters(h, w, stream));
                        System.arraycopy(out.data(), 0, augmented, (i + r * n) * size, size);
                    }
                }
            }
            data = augmented;
            n = rounds * n;
        }
        statistics = FitStatistics.compute(data, n, h, w, c, s.featurewiseCenter(),
                s.featurewiseStdNormalization(), s.zcaWhitening(), s.zcaEpsilon());
    }

    /** The fitted per-channel mean, shape [1, 1, C] like Keras's {@code mean}, if fitted with featurewise centring. */
    public Optional<INDArray> mean() {
        float[] m = statistics.mean;
        return m == null ? Optional.empty() : Optional.of(Nd4j.create(m, new long[] {1, 1, m.length}, 'c'));
    }

    /** The fitted per-channel std, shape [1, 1, C], if fitted with featurewise std normalisation. */
    public Optional<INDArray> std() {
        float[] sd = statistics.std;
        return sd == null ? Optional.empty() : Optional.of(Nd4j.create(sd, new long[] {1, 1, sd.length}, 'c'));
    }

    /** The fitted ZCA matrix, shape [D, D] with D = H*W*C, if fitted with ZCA whitening. */
    public Optional<INDArray> principalComponents() {
        FitStatistics stats = statistics;
        if (stats.principalComponents == null) {
            return Optional.empty();
        }
        return Optional.of(Nd4j.create(stats.principalComponents, new long[] {stats.zcaSize, stats.zcaSize}, 'c'));
    }

    @Override
    public String toString() {
        return "ImageDataGenerator" + settings;
    }
}
