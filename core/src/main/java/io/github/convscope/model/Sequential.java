package io.github.convscope.model;

import io.github.convscope.backend.BatchPasses;
import io.github.convscope.backend.NativeAcceleration;
import io.github.convscope.backend.NativeMemory;
import io.github.convscope.backend.NetworkLayout;
import io.github.convscope.image.ColorMode;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Keras-style sequential CNN on a DL4J {@link MultiLayerNetwork}: build it from layer specs, print Keras's
 * {@link #summary()}, {@link #fit} it on NHWC float32 batches, {@link #evaluate}, {@link #predict}, {@link #save}.
 *
 * <pre>{@code
 * Sequential model = Sequential.builder().inputShape(150, 150, 3)
 *         .add(Conv2D.of(16, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of())
 *         .add(Flatten.of()).add(Dense.of(1).activation(Activation.SIGMOID))
 *         .compile(Optimizer.adam(), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
 * History history = model.fit(train, 15, validation);
 * System.out.println(model.evaluateReport(validation));   // loss, accuracy, confusion matrix, per-class report
 * }</pre>
 *
 * <p><b>Layout.</b> Every ConvScope call takes and returns images NHWC (Keras's channels_last) on every platform.
 * The DL4J network inside is NHWC too, on both execution paths (see {@code NativeAcceleration}), unless built with
 * {@code Builder.dataFormat(NCHW)} or loaded from an NCHW archive of an earlier version; {@link #dataFormat()} says
 * which it is. To use the raw {@link #network()} directly, convert with {@link #toNetworkInput(INDArray)},
 * or wrap an iterator with {@link #toNetworkInput(DataSetIterator)}:
 * {@code model.network().evaluate(model.toNetworkInput(validation))} gives DL4J's {@code Evaluation} on any platform.
 *
 * <p><b>Threads and memory.</b> Calls on one model run one at a time: {@code fit}, {@code evaluate} and
 * {@code predict} lock the DL4J network (whose own {@code fit} and {@code output} do the same), so predicting from
 * several threads is safe but not parallel; for parallel inference load one model per thread. The network's
 * weights live in native memory: {@link #close()} frees them at once instead of when the garbage collector gets to
 * them, after which the model can no longer be used. A model that is done training but still used (to predict, to
 * explain, to save) can free its optimizer state with {@link #releaseOptimizerState()}; {@link #predict(INDArray)}
 * goes through the network {@value #PREDICT_BATCH_SIZE} images at a time, so its memory does not grow with the batch.
 */
public final class Sequential implements AutoCloseable {
    /** How many images {@link #predict(INDArray)} sends through the network at a time: Keras's default batch_size. */
    public static final int PREDICT_BATCH_SIZE = 32;

    private final ModelSpec spec;
    private final MultiLayerNetwork network;
    private final List<LayerInfo> layers;
    private volatile List<String> classNames;
    private int fitCalls;
    private volatile boolean closed;
    /** Set by {@link #releaseOptimizerState()} until a later {@code fit} makes the optimizer again. */
    private boolean optimizerReleased;

    Sequential(ModelSpec spec, MultiLayerNetwork network, List<String> classNames) {
        this.spec = spec;
        this.network = network;
        this.layers = spec.layerInfos();
        this.classNames = classNames == null ? List.of() : List.copyOf(classNames);
    }

    /** A builder for a new model. */
    public static Builder builder() {
        return new Builder();
    }

    /** Keras's {@code model.summary()} table (Keras 2 layout, 65 columns), without a trailing newline. */
    public String summary() {
        return SummaryTable.render(spec.name(), layers, spec.trainableParams(), spec.nonTrainableParams());
    }

    /** The Keras-level layers: names, types, output shapes (NHWC, no batch axis), parameter counts, DL4J indices. */
    public List<LayerInfo> layers() {
        return layers;
    }

    /**
     * The underlying DL4J network. Its image layout is {@link #dataFormat()} (NHWC unless chosen otherwise or loaded
     * from an NCHW archive of an earlier version): feed it through {@link #toNetworkInput(INDArray)} or
     * {@link #toNetworkInput(DataSetIterator)}.
     */
    public MultiLayerNetwork network() {
        checkOpen();
        return network;
    }

    /** The input shape (height, width, channels). */
    public int[] inputShape() {
        return spec.inputShape().clone();
    }

    /** The model's name, {@code sequential} unless set. */
    public String name() {
        return spec.name();
    }

    /** The layer specs, in order. */
    public List<LayerSpec> specs() {
        return spec.specs();
    }

    /** The seed used to initialise the weights and the training randomness (drawn at build() if none was set). */
    public long seed() {
        return spec.seed();
    }

    /** The optimizer given to compile, or null if the model was not compiled. */
    public Optimizer optimizer() {
        return spec.optimizer();
    }

    /** The loss given to compile, or null if the model was not compiled. */
    public Loss loss() {
        return spec.loss();
    }

    /** The metrics given to compile. */
    public List<Metric> metrics() {
        return spec.metrics();
    }

    /** The class names (index order) learned from the training iterator's labels, empty when unknown. */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The layout of the DL4J network's image inputs and activations, chosen with the execution path for the
     * platform ({@code NativeAcceleration.trainingFormat()}) or given to the builder. ConvScope's own calls always
     * take NHWC.
     */
    public CNN2DFormat dataFormat() {
        return spec.format();
    }

    /**
     * Wraps an iterator of NHWC batches (any ConvScope iterator) so that its features come in the network's layout,
     * for the raw DL4J network: {@code network().evaluate(model.toNetworkInput(validation))}. Labels, reset and
     * preprocessor are the wrapped iterator's.
     */
    public DataSetIterator toNetworkInput(DataSetIterator nhwcBatches) {
        if (nhwcBatches == null) {
            throw new IllegalArgumentException("nhwcBatches must not be null; give the iterator to adapt");
        }
        return new NetworkInputIterator(this, nhwcBatches);
    }

    /** Converts an NHWC batch [n, h, w, c] into the layout the DL4J network takes, see {@link #dataFormat()}. */
    public INDArray toNetworkInput(INDArray nhwc) {
        checkBatch(nhwc);
        return NetworkLayout.toNetwork(nhwc.castTo(DataType.FLOAT), spec.format());
    }

    /** Converts a 4-d activation of the DL4J network into NHWC; other ranks are returned unchanged. */
    public INDArray toNhwc(INDArray activation) {
        return NetworkLayout.toNhwc(activation, spec.format());
    }

    /** Trains for {@code epochs} epochs, validating after each on {@code validation} (may be null). */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation) {
        return fit(train, epochs, validation, FitOptions.defaults());
    }

    /** Trains with callbacks, printing Keras's progress bar to standard output. */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation, Callback... callbacks) {
        return fit(train, epochs, validation, FitOptions.builder().callbacks(callbacks).build());
    }

    /** Trains with the given options (verbosity, where progress goes, callbacks), then these callbacks too. */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation, FitOptions options,
            Callback... callbacks) {
        return fit(train, epochs, validation, options.withCallbacks(callbacks));
    }

    /** Trains with the given options (callbacks, verbosity, where progress goes). */
    public History fit(DataSetIterator train, int epochs, DataSetIterator validation, FitOptions options) {
        checkOpen();
        if (options == null) {
            throw new IllegalArgumentException("options must not be null; use FitOptions.defaults()");
        }
        if (spec.loss() == null) {
            throw new IllegalStateException("the model is not compiled: call compile(optimizer, loss, metrics...) on "
                    + "the builder before fit");
        }
        Trainer trainer = new Trainer(this, spec, options, fitCalls++, train, epochs, validation);
        if (train.getLabels() != null && !train.getLabels().isEmpty()) {
            classNames = List.copyOf(train.getLabels());
        }
        synchronized (network) {
            return trainer.fit();
        }
    }

    /**
     * Frees the optimizer's state of a model that is done training: Adam's two moment estimates (twice the weights'
     * memory: 85 MB of native memory for the lecture's 10.6-million-parameter model), RMSprop's one, nothing for
     * plain SGD. Prediction, evaluation, explanations and {@link #save} work as before; a model saved afterwards
     * holds no optimizer state, and a later {@code fit} makes a new one, starting from zero moments at the model's
     * iteration count, so it does not continue the earlier run's optimizer exactly. Keras has no counterpart (its
     * optimizer keeps its slots as long as the model lives); call this once training is over, for example before
     * training a second model in the same program.
     *
     * @return the bytes freed, 0 when there was no state (never trained, plain SGD, or released already)
     */
    public long releaseOptimizerState() {
        checkOpen();
        synchronized (network) {
            Updater updater = network.getUpdater(false);
            if (updater == null) {
                return 0;
            }
            INDArray state = updater.getStateViewArray();
            long bytes = state == null ? 0 : state.length() * state.dataType().width();
            network.setUpdater(null);
            optimizerReleased = true;
            NativeMemory.free(state);
            return bytes;
        }
    }

    /** Whether {@link #save} writes the optimizer's state: always, unless it was released and not made again. */
    boolean savesOptimizerState() {
        return !optimizerReleased || network.getUpdater(false) != null;
    }

    /** Loss and compiled metrics over all batches of {@code data}, as Keras's {@code evaluate} (keys without val_). */
    public Map<String, Double> evaluate(DataSetIterator data) {
        checkEvaluable(data);
        synchronized (network) {
            return Trainer.evaluate(this, spec, data);
        }
    }

    /**
     * {@link #evaluate}'s loss and metrics plus the confusion matrix and scikit-learn's classification report of the
     * same predictions (one sigmoid unit: class 1 when its output is over 0.5; softmax: the largest output).
     *
     * @throws IllegalStateException for a multi-label model (several sigmoid units), which has no confusion matrix
     */
    public EvaluationReport evaluateReport(DataSetIterator data) {
        checkEvaluable(data);
        synchronized (network) {
            return Evaluator.report(this, spec, data);
        }
    }

    private void checkEvaluable(DataSetIterator data) {
        checkOpen();
        if (spec.loss() == null) {
            throw new IllegalStateException("the model is not compiled: evaluate needs a loss");
        }
        if (data == null) {
            throw new IllegalArgumentException("data must not be null; give the iterator to evaluate on");
        }
    }

    /**
     * Outputs of the last layer for a batch, computed {@value #PREDICT_BATCH_SIZE} images at a time as Keras's
     * {@code predict} does (its {@code batch_size} default): the outputs are those of one pass over the whole batch,
     * while DL4J's inference workspaces, which grow to the largest layer output of the largest pass, stay the size
     * of {@value #PREDICT_BATCH_SIZE} images (the lecture's first convolution: 46 MB instead of 184 MB at 128 images).
     * On 2 cores four passes of 32 lecture images took 3-6% longer (medians) than one pass of 128.
     *
     * @param batch float NHWC [n, height, width, channels], values as the training data (e.g. rescaled to [0, 1])
     * @return [n, units]
     */
    public INDArray predict(INDArray batch) {
        checkOpen();
        INDArray input = toNetworkInput(batch);
        List<INDArray> parts;
        synchronized (network) {
            parts = BatchPasses.inPasses(input.size(0), PREDICT_BATCH_SIZE,
                    (from, to) -> network.output(BatchPasses.rows(input, from, to), false));
            if (parts.size() > 1) {
                network.setInput(null);     // DL4J keeps the last input: here a view of this call's input
                if (input != batch) {
                    NativeMemory.free(input);   // this call's own copy (cast or NCHW), never the caller's batch
                }
            }
        }
        return BatchPasses.concat(parts);
    }

    /** Outputs of the last layer for every sample of {@code data}, in its order: [n, units] (reset first). */
    public INDArray predict(DataSetIterator data) {
        checkOpen();
        if (data == null) {
            throw new IllegalArgumentException("data must not be null; give the iterator to predict on");
        }
        synchronized (network) {
            return Evaluator.predict(this, data);
        }
    }

    /** The predicted class of an image file, read as {@link #loadImage(Path)} does, without preprocessing. */
    public Prediction predict(Path imageFile) {
        return predict(imageFile, UnaryOperator.identity());
    }

    /**
     * The predicted class of an image file: {@link #loadImage(Path)}, then {@code preprocessing} (what the training
     * iterator did to its images, e.g. {@code generator::standardize} for {@code rescale(1.0 / 255)}), then
     * {@link #predict(FloatImage)}. Class names are those learned by {@code fit}, else "0", "1", ...
     */
    public Prediction predict(Path imageFile, UnaryOperator<FloatImage> preprocessing) {
        if (preprocessing == null) {
            throw new IllegalArgumentException("preprocessing must not be null; use UnaryOperator.identity()");
        }
        float[] outputs = predict(preprocessing.apply(loadImage(imageFile)));
        int classes = outputs.length == 1 ? 2 : outputs.length;
        return Prediction.of(outputs, Evaluator.classNames(this, null, classes));
    }

    /**
     * Reads an image file as Keras's {@code load_img(path, target_size=input size, color_mode)} and
     * {@code img_to_array} do: resized (nearest) to the input shape, grey/RGB/RGBA by its channels, values 0..255.
     */
    public FloatImage loadImage(Path imageFile) {
        int[] s = spec.inputShape();
        ColorMode mode = s[2] == 1 ? ColorMode.GRAYSCALE : s[2] == 4 ? ColorMode.RGBA : ColorMode.RGB;
        return ImageLoader.builder().targetSize(s[0], s[1]).colorMode(mode).build().load(imageFile);
    }

    /** Outputs of the last layer for one HWC image of the input shape. */
    public float[] predict(FloatImage image) {
        int[] s = spec.inputShape();
        if (image.height() != s[0] || image.width() != s[1] || image.channels() != s[2]) {
            throw new IllegalArgumentException("image shape " + Arrays.toString(image.shape())
                    + " does not match the model's input shape " + Arrays.toString(s));
        }
        INDArray batch = Nd4j.create(image.data(), new long[] {1, s[0], s[1], s[2]}, 'c');
        return predict(batch).castTo(DataType.FLOAT).toFloatVector();
    }

    /**
     * Saves the model (DL4J model zip with weights and updater state, plus ConvScope's description) atomically.
     * An existing file is replaced only if it is a ConvScope model; any other file is refused.
     */
    public void save(Path path) throws IOException {
        checkOpen();
        ModelArchive.save(this, spec, path);
    }

    /** Frees the network's native memory now; later calls on this model throw. Closing twice is allowed. */
    @Override
    public void close() {
        synchronized (network) {
            if (!closed) {
                closed = true;
                network.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Sequential has been closed; load or build the model again");
        }
    }

    /** Loads a model written by {@link #save(Path)}, ready to predict or to continue training. */
    public static Sequential load(Path path) throws IOException {
        return ModelArchive.load(path);
    }

    void checkBatch(INDArray nhwc) {
        int[] s = spec.inputShape();
        long[] shape = nhwc.shape();
        if (shape.length != 4 || shape[1] != s[0] || shape[2] != s[1] || shape[3] != s[2]) {
            throw new IllegalArgumentException("expected an NHWC batch [n, " + s[0] + ", " + s[1] + ", " + s[2]
                    + "], got " + Arrays.toString(shape));
        }
    }

    @Override
    public String toString() {
        return "Sequential(" + spec.name() + ", " + layers + ")";
    }

    /** Builds a {@link Sequential}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int[] inputShape;
        private final List<LayerSpec> specs = new ArrayList<>();
        private Optimizer optimizer;
        private Loss loss;
        private List<Metric> metrics = List.of();
        private Long seed;
        private String name = "sequential";
        private CNN2DFormat format;

        private Builder() {
        }

        /** Required: the shape of one input image, (height, width, channels). */
        public Builder inputShape(int height, int width, int channels) {
            this.inputShape = new int[] {height, width, channels};
            return this;
        }

        /** Appends a layer. */
        public Builder add(LayerSpec layer) {
            if (layer == null) {
                throw new IllegalArgumentException("layer must not be null");
            }
            specs.add(layer);
            return this;
        }

        /** Sets the optimizer, loss and metrics, as Keras's {@code model.compile}. */
        public Builder compile(Optimizer optimizer, Loss loss, Metric... metrics) {
            if (optimizer == null || loss == null) {
                throw new IllegalArgumentException("compile needs an optimizer and a loss");
            }
            this.optimizer = optimizer;
            this.loss = loss;
            this.metrics = List.of(metrics);
            return this;
        }

        /** Seed for the weights and the training randomness (dropout); with it, runs repeat exactly. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** The model name shown by summary(), {@code sequential} by default. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * Layout of the DL4J network underneath (default {@link NativeAcceleration#trainingFormat()}, NHWC, which
         * takes the iterators' batches without a copy); ConvScope's own calls take NHWC either way, and
         * {@link Sequential#toNetworkInput} adapts batches for the raw network.
         */
        public Builder dataFormat(CNN2DFormat value) {
            this.format = value;
            return this;
        }

        /** Validates the layers and the compile settings and builds the network. */
        public Sequential build() {
            if (inputShape == null) {
                throw new IllegalArgumentException("inputShape(height, width, channels) is required");
            }
            for (int d : inputShape) {
                if (d < 1) {
                    throw new IllegalArgumentException("inputShape dimensions must be >= 1, got "
                            + Arrays.toString(inputShape));
                }
            }
            if (name == null || !name.matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("name must be letters, digits, '_', '.' or '-', got " + name);
            }
            long actualSeed = seed != null ? seed : new java.security.SecureRandom().nextLong();
            CNN2DFormat layout = format != null ? format : NativeAcceleration.trainingFormat();
            ModelSpec spec = new ModelSpec(name, inputShape, Collections.unmodifiableList(new ArrayList<>(specs)),
                    optimizer, loss, metrics, actualSeed, layout);
            MultiLayerNetwork network = new MultiLayerNetwork(spec.toConfiguration());
            network.init();
            return new Sequential(spec, network, List.of());
        }
    }
}
