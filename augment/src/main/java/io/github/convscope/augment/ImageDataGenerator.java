package io.github.convscope.augment;

import io.github.convscope.data.ArrayIterator;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.data.SampleTransform;
import io.github.convscope.image.FloatImage;
import io.github.convscope.random.NumpyRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
 * Keras's settings are set on the {@link Builder} and read back from {@link #settings()}; where ConvScope
 * validates more strictly than Keras, the builder method says so. Images are channels-last only (Keras's default
 * {@code data_format}).
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
    private final Standardization standardization;
    private NumpyRandom stream = new NumpyRandom(new SecureRandom().nextInt() & 0xFFFFFFFFL);

    private ImageDataGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.standardization = new Standardization(settings);
    }

    /** A builder with Keras's defaults (no augmentation, no rescaling). */
    public static Builder builder() {
        return new Builder();
    }

    /** A generator with these settings, unfitted and with a stream of its own. */
    public static ImageDataGenerator of(GeneratorSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null; use ImageDataGenerator.builder()");
        }
        return new ImageDataGenerator(settings);
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
        return Augmentation.draw(settings, imageShape[0], imageShape[1], stream);
    }

    /** Draws one sample's parameters from the iterator's stream (the {@link SampleTransform} hook). */
    @Override
    public TransformParameters draw(int height, int width, int channels, NumpyRandom random) {
        return Augmentation.draw(settings, height, width, random);
    }

    /** Augments then standardises one image (the {@link SampleTransform} hook); may reuse {@code image}. */
    @Override
    public FloatImage apply(FloatImage image, TransformParameters parameters) {
        return standardize(Augmentation.apply(settings, image, parameters, true));
    }

    /**
     * Keras {@code apply_transform}: one affine warp (skipped when neutral), channel shift, horizontal flip,
     * vertical flip, brightness. Returns a new image; {@code image} is not changed.
     */
    public FloatImage applyTransform(FloatImage image, TransformParameters parameters) {
        return Augmentation.apply(settings, image, parameters, false);
    }

    /** Keras {@code random_transform}: {@link #getRandomTransform} for the image's shape, then {@link #applyTransform}. */
    public FloatImage randomTransform(FloatImage image, Long seed) {
        return applyTransform(image, getRandomTransform(image.shape(), seed));
    }

    /**
     * Keras {@code standardize} on one image, in this order: preprocessing function, rescale (a float32 multiply),
     * samplewise centre, samplewise std, featurewise centre, featurewise std, ZCA. Changes {@code image} in place
     * and returns it (or the preprocessing function's result).
     */
    public FloatImage standardize(FloatImage image) {
        return standardization.standardize(image);
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
                    + (x == null ? "null" : Arrays.toString(x.shape())));
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
                    Arrays.toString(x.shape()), c);
        }
        if (settings.zcaWhitening()) {
            FitStatistics.checkZcaFits(h, w, c);
        }
        float[] data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        if (augment) {
            data = augmentedCopies(data, n, h, w, c, rounds, seed);
            n = rounds * n;
        }
        standardization.fit(data, n, h, w, c);
    }

    /** {@code rounds} augmented copies of the n images in {@code data}, round-major, from the generator's stream. */
    private synchronized float[] augmentedCopies(float[] data, int n, int h, int w, int c, int rounds, Long seed) {
        int size = h * w * c;
        float[] augmented = new float[Math.multiplyExact(Math.multiplyExact(rounds, n), size)];
        if (seed != null) {
            stream = new NumpyRandom(seed);
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                FloatImage image = new FloatImage(h, w, c, Arrays.copyOfRange(data, i * size, (i + 1) * size));
                FloatImage out = applyTransform(image, Augmentation.draw(settings, h, w, stream));
                System.arraycopy(out.data(), 0, augmented, (i + r * n) * size, size);
            }
        }
        return augmented;
    }

    /** The fitted per-channel mean, shape [1, 1, C] like Keras's {@code mean}, if fitted with featurewise centring. */
    public Optional<INDArray> mean() {
        return standardization.mean();
    }

    /** The fitted per-channel std, shape [1, 1, C], if fitted with featurewise std normalisation. */
    public Optional<INDArray> std() {
        return standardization.std();
    }

    /** The fitted ZCA matrix, shape [D, D] with D = H*W*C, if fitted with ZCA whitening. */
    public Optional<INDArray> principalComponents() {
        return standardization.principalComponents();
    }

    @Override
    public String toString() {
        return "ImageDataGenerator(" + settings + ")";
    }

    /**
     * Builds an {@link ImageDataGenerator}: Keras's parameters in camelCase with Keras's defaults, validated at
     * {@link #build()} by {@link GeneratorSettings}, which names the parameter, the value and the accepted range.
     */
    public static final class Builder {
        private boolean featurewiseCenter;
        private boolean samplewiseCenter;
        private boolean featurewiseStdNormalization;
        private boolean samplewiseStdNormalization;
        private boolean zcaWhitening;
        private double zcaEpsilon = 1e-6;
        private double rotationRange;
        private ShiftRange widthShiftRange = ShiftRange.none();
        private ShiftRange heightShiftRange = ShiftRange.none();
        private double[] brightnessRange;
        private double shearRange;
        private double[] zoomRange = {0.0};
        private double channelShiftRange;
        private String fillMode = FillMode.NEAREST.kerasName();
        private double cval;
        private boolean horizontalFlip;
        private boolean verticalFlip;
        private double rescale;
        private PreprocessingFunction preprocessingFunction;
        private double validationSplit;
        private int interpolationOrder = 1;

        private Builder() {
        }

        /** Subtract the per-channel dataset mean from {@code fit} (default false). */
        public Builder featurewiseCenter(boolean value) {
            featurewiseCenter = value;
            return this;
        }

        /** Subtract each image's own mean over all values (default false). */
        public Builder samplewiseCenter(boolean value) {
            samplewiseCenter = value;
            return this;
        }

        /** Divide by the per-channel dataset std from {@code fit} + 1e-6; turns featurewise centring on (default false). */
        public Builder featurewiseStdNormalization(boolean value) {
            featurewiseStdNormalization = value;
            return this;
        }

        /** Divide each image by its own std + 1e-6; turns samplewise centring on (default false). */
        public Builder samplewiseStdNormalization(boolean value) {
            samplewiseStdNormalization = value;
            return this;
        }

        /** Multiply by the ZCA matrix from {@code fit}; turns featurewise centring on and featurewise std off. */
        public Builder zcaWhitening(boolean value) {
            zcaWhitening = value;
            return this;
        }

        /** Epsilon added to the eigenvalues in the ZCA fit (default 1e-6; must be &gt;= 0). */
        public Builder zcaEpsilon(double value) {
            zcaEpsilon = value;
            return this;
        }

        /** Rotations drawn from U(-r, r) degrees (default 0; must be &gt;= 0, where Keras takes |r|). */
        public Builder rotationRange(double value) {
            rotationRange = value;
            return this;
        }

        /** Keras's float width shift: U(-v, v), a fraction of the width when v &lt; 1, else pixels. */
        public Builder widthShiftRange(double value) {
            return widthShiftRange(ShiftRange.fraction(value));
        }

        /** Keras's int width shift: 0..n-1 pixels with a random sign (1 never shifts). */
        public Builder widthShiftRange(int value) {
            return widthShiftRange(ShiftRange.pixels(value));
        }

        /** The width shift in any of Keras's forms ({@code null} for none). */
        public Builder widthShiftRange(ShiftRange value) {
            widthShiftRange = value;
            return this;
        }

        /** Keras's float height shift: U(-v, v), a fraction of the height when v &lt; 1, else pixels. */
        public Builder heightShiftRange(double value) {
            return heightShiftRange(ShiftRange.fraction(value));
        }

        /** Keras's int height shift: 0..n-1 pixels with a random sign (1 never shifts). */
        public Builder heightShiftRange(int value) {
            return heightShiftRange(ShiftRange.pixels(value));
        }

        /** The height shift in any of Keras's forms ({@code null} for none). */
        public Builder heightShiftRange(ShiftRange value) {
            heightShiftRange = value;
            return this;
        }

        /** Brightness factors drawn from U(lo, hi), applied through Keras's PIL path; exactly two numbers. */
        public Builder brightnessRange(double... range) {
            brightnessRange = range == null ? null : range.clone();
            return this;
        }

        /** Shears drawn from U(-s, s) degrees (default 0; must be &gt;= 0). */
        public Builder shearRange(double value) {
            shearRange = value;
            return this;
        }

        /**
         * Keras's zoom range: one number z in [0, 1) gives factors from [1 - z, 1 + z]; two numbers [lo, hi] with
         * 0 &lt; lo &lt;= hi give factors from [lo, hi]. Rows and columns are drawn independently (default 0).
         */
        public Builder zoomRange(double... range) {
            zoomRange = range == null ? null : range.clone();
            return this;
        }

        /** Channel shifts drawn from U(-v, v), one offset for all channels, clipped (default 0; must be &gt;= 0). */
        public Builder channelShiftRange(double value) {
            channelShiftRange = value;
            return this;
        }

        /** Fill mode of the warp (default {@link FillMode#NEAREST}). */
        public Builder fillMode(FillMode value) {
            fillMode = value == null ? null : value.kerasName();
            return this;
        }

        /** Fill mode by Keras name ("constant", "nearest", "reflect", "wrap"); checked at {@link #build()}. */
        public Builder fillMode(String value) {
            fillMode = value;
            return this;
        }

        /** Fill value for {@link FillMode#CONSTANT} (default 0). */
        public Builder cval(double value) {
            cval = value;
            return this;
        }

        /** Reverse columns with probability 1/2 (default false). */
        public Builder horizontalFlip(boolean value) {
            horizontalFlip = value;
            return this;
        }

        /** Reverse rows with probability 1/2 (default false). */
        public Builder verticalFlip(boolean value) {
            verticalFlip = value;
            return this;
        }

        /** Multiply images by this factor in {@code standardize}, after augmentation (default 0: none). */
        public Builder rescale(double value) {
            rescale = value;
            return this;
        }

        /** A user step run first in {@code standardize}, before {@code rescale} (default none). */
        public Builder preprocessingFunction(PreprocessingFunction value) {
            preprocessingFunction = value;
            return this;
        }

        /** The fraction of each class held out for {@code subset(VALIDATION)}, in [0, 1) (default 0). */
        public Builder validationSplit(double value) {
            validationSplit = value;
            return this;
        }

        /**
         * The spline order of the warp: 1 (bilinear, default) or 0 (nearest), both exact to SciPy. Keras accepts
         * 2 to 5 (B-splines with a prefilter); they are not implemented and refused at {@link #build()}.
         */
        public Builder interpolationOrder(int value) {
            interpolationOrder = value;
            return this;
        }

        /** The generator; refuses bad values with an {@link IllegalArgumentException} naming the parameter. */
        public ImageDataGenerator build() {
            double[] zoom = zoomBounds(zoomRange);
            List<Double> brightness = brightnessRange == null ? null : Arrays.stream(brightnessRange).boxed().toList();
            return new ImageDataGenerator(new GeneratorSettings(featurewiseCenter, samplewiseCenter,
                    featurewiseStdNormalization, samplewiseStdNormalization, zcaWhitening, zcaEpsilon, rotationRange,
                    widthShiftRange, heightShiftRange, brightness, shearRange, zoom[0], zoom[1], channelShiftRange,
                    FillMode.fromKerasName(fillMode), cval, horizontalFlip, verticalFlip, rescale,
                    preprocessingFunction, validationSplit, interpolationOrder));
        }

        /** Keras: a scalar z gives [1 - z, 1 + z], a pair gives [lo, hi] (checked by {@link GeneratorSettings}). */
        private static double[] zoomBounds(double[] range) {
            if (range == null || (range.length != 1 && range.length != 2)) {
                throw new IllegalArgumentException("zoomRange must be one number z (giving [1 - z, 1 + z]) or two "
                        + "numbers [lo, hi], got " + Arrays.toString(range));
            }
            if (range.length == 2) {
                return range;
            }
            double z = range[0];
            if (!(z >= 0 && z < 1)) {
                throw new IllegalArgumentException("zoomRange must be in [0, 1) so that its low end 1 - zoomRange "
                        + "is positive, got " + z);
            }
            return new double[] {1 - z, 1 + z};
        }
    }
}
