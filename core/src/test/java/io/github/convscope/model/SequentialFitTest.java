package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.convscope.backend.NativeMemory;
import io.github.convscope.data.ClassMode;
import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.image.FloatImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** fit on real image files read by the DirectoryIterator: learning, History, progress output, seeds, evaluate. */
class SequentialFitTest {
    static final int SIZE = 16;

    /**
     * Writes {@code perClass} images per class into {@code root/left} and {@code root/right}: a bright square in
     * the top-left or the bottom-right quarter on a noisy dark background, half as PNG, half as JPEG.
     */
    static void writeTwoClassFolder(Path root, int perClass, long seed) {
        Random r = new Random(seed);
        for (int cls = 0; cls < 2; cls++) {
            String name = cls == 0 ? "left" : "right";
            int offset = cls == 0 ? 0 : SIZE / 2;
            for (int k = 0; k < perClass; k++) {
                BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean inside = y >= offset && y < offset + SIZE / 2 && x >= offset && x < offset + SIZE / 2;
                        int v = (inside ? 160 : 40) + r.nextInt(70);
                        image.setRGB(x, y, v << 16 | (v / 2) << 8 | (255 - v));
                    }
                }
                boolean png = k % 2 == 0;
                Path file = root.resolve(name).resolve(String.format(Locale.ROOT, "%s_%03d.%s", name, k,
                        png ? "png" : "jpg"));
                try {
                    Files.createDirectories(file.getParent());
                    if (!ImageIO.write(image, png ? "png" : "jpeg", file.toFile())) {
                        throw new IOException("no writer");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** A rescaled (1/255) binary iterator over a folder, as the lecture's flow_from_directory. */
    static DirectoryIterator folder(Path root, int batch, long seed) {
        DirectoryIterator it = DirectoryIterator.builder(root).targetSize(SIZE, SIZE).batchSize(batch)
                .classMode(ClassMode.BINARY).seed(seed).build();
        it.setPreProcessor(ds -> ds.getFeatures().muli(1f / 255));
        return it;
    }

    static Sequential smallModel(long seed, boolean dropout) {
        Sequential.Builder b = Sequential.builder().inputShape(SIZE, SIZE, 3).seed(seed)
                .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of());
        if (dropout) {
            b.add(Dropout.of(0.3));
        }
        b.add(Flatten.of()).add(Dense.of(8).activation(Activation.RELU));
        if (dropout) {
            b.add(Dropout.of(0.1));
        }
        return b.add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(Optimizer.adam(0.01), Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
    }

    /** A Keras log value: '%.4f', or '%.4e' for magnitudes up to 1e-3. */
    private static final String VALUE = "(\\d+\\.\\d{4}|\\d\\.\\d{4}e-\\d\\d)";
    private static final Pattern FINAL_LINE = Pattern.compile("^3/3 \\[={30}\\] - \\d+s \\d+(s|ms|us)/step"
            + " - loss: " + VALUE + " - accuracy: " + VALUE + " - val_loss: " + VALUE + " - val_accuracy: " + VALUE
            + "$");

    @Test
    void learnsAGeneratedFolderAndReportsLikeKeras(@TempDir Path dir) {
        writeTwoClassFolder(dir.resolve("train"), 12, 1);
        writeTwoClassFolder(dir.resolve("validation"), 6, 2);
        Sequential model = smallModel(11, false);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int[] stepsAtStart = {0};
        Callback probe = new Callback() {
            @Override
            public void onTrainBegin(TrainingContext context) {
                stepsAtStart[0] = context.steps();
            }
        };
        History history;
        try (DirectoryIterator train = folder(dir.resolve("train"), 8, 3);
                DirectoryIterator validation = folder(dir.resolve("validation"), 4, 4)) {
            history = model.fit(train, 6, validation,
                    FitOptions.builder().out(out).terminal(false).callbacks(probe).build());
            assertEquals(24, train.samples());
        }
        assertEquals(List.of("loss", "accuracy", "val_loss", "val_accuracy"), history.keys());
        assertEquals(6, history.epochs());
        for (String key : history.keys()) {
            assertEquals(6, history.get(key).length, key);
        }
        assertEquals(List.of("left", "right"), model.classNames());
        assertEquals(3, stepsAtStart[0], "steps per epoch known from the start, as Keras's len(iterator)");
        double[] loss = history.get("loss");
        double[] accuracy = history.get("accuracy");
        assertTrue(loss[5] < loss[0], "loss falls: " + java.util.Arrays.toString(loss));
        assertTrue(accuracy[5] >= 0.8, "training accuracy above chance: " + java.util.Arrays.toString(accuracy));
        assertTrue(history.get("val_accuracy")[5] >= 0.75,
                "validation accuracy above chance: " + java.util.Arrays.toString(history.get("val_accuracy")));
        assertTrue(history.wallTime().toNanos() > 0);
        SequentialStructureTest.assertRefused(() -> history.get("acc"), "'acc'",
                "[loss, accuracy, val_loss, val_accuracy]");

        // the progress output: "Epoch k/6" then the final bar of the epoch with the same values as the history
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        List<String> finals = new ArrayList<>();
        int epochLines = 0;
        for (String line : lines) {
            if (line.startsWith("Epoch ")) {
                assertEquals("Epoch " + (++epochLines) + "/6", line);
            } else if (line.startsWith("3/3 ")) {
                finals.add(line);
            }
        }
        assertEquals(6, epochLines);
        assertEquals(6, finals.size(), String.join("\n", lines));
        for (int e = 0; e < 6; e++) {
            Matcher m = FINAL_LINE.matcher(finals.get(e));
            assertTrue(m.matches(), "Keras progress line: " + finals.get(e));
            assertEquals(fourDecimals(loss[e]), m.group(2));
            assertEquals(fourDecimals(accuracy[e]), m.group(3));
            assertEquals(fourDecimals(history.get("val_loss")[e]), m.group(4));
            assertEquals(fourDecimals(history.get("val_accuracy")[e]), m.group(5));
        }
    }

    private static String fourDecimals(double v) {
        if (Math.abs(v) <= 1e-3) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return new java.math.BigDecimal(v).setScale(4, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    @Test
    void verboseSettings() {
        Sequential model = smallModel(3, false);
        ByteArrayOutputStream silent = new ByteArrayOutputStream();
        model.fit(TwoClassData.binary(16, SIZE, 8, 1), 2, TwoClassData.binary(8, SIZE, 8, 2),
                FitOptions.builder().verbose(0).out(new PrintStream(silent, true, StandardCharsets.UTF_8)).build());
        assertEquals(0, silent.size(), "verbose 0 prints nothing");

        ByteArrayOutputStream perEpoch = new ByteArrayOutputStream();
        History h = model.fit(TwoClassData.binary(16, SIZE, 8, 1), 2, null, FitOptions.builder().verbose(2)
                .out(new PrintStream(perEpoch, true, StandardCharsets.UTF_8)).build());
        String[] lines = perEpoch.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, perEpoch.toString(StandardCharsets.UTF_8));
        assertEquals("Epoch 1/2", lines[0]);
        assertEquals("Epoch 2/2", lines[2]);
        assertTrue(lines[3].matches("2/2 - \\d+s - loss: " + Pattern.quote(fourDecimals(h.get("loss")[1]))
                + " - accuracy: \\d\\.\\d{4}"), lines[3]);

        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        model.fit(TwoClassData.binary(16, SIZE, 8, 1), 1, null, FitOptions.builder().terminal(true)
                .out(new PrintStream(terminal, true, StandardCharsets.UTF_8)).build());
        String text = terminal.toString(StandardCharsets.UTF_8);
        // redrawn in place: "\r" before each state of the line, a newline only at the end of the epoch
        assertTrue(text.startsWith("Epoch 1/1\n\r") && text.endsWith("\n"), text);
        String[] states = text.substring("Epoch 1/1\n\r".length(), text.length() - 1).split("\r");
        for (int i = 0; i < states.length - 1; i++) {
            assertTrue(states[i].matches("1/2 \\[={14}>\\.{15}\\] - ETA: \\d+s - loss: \\d\\.\\d{4}"
                    + " - accuracy: \\d\\.\\d{4} *"), states[i]);
        }
        assertTrue(states[states.length - 1].matches("2/2 \\[={30}\\] - \\d+s \\d+(s|ms|us)/step - loss: "
                + "\\d\\.\\d{4} - accuracy: \\d\\.\\d{4} *"), states[states.length - 1]);
    }

    @Test
    void sameSeedSameHistory(@TempDir Path dir) {
        writeTwoClassFolder(dir, 8, 5);
        List<Map<String, List<Double>>> runs = new ArrayList<>();
        List<INDArray> weights = new ArrayList<>();
        for (long seed : new long[] {21, 21, 22}) {
            Sequential model = smallModel(seed, true);
            try (DirectoryIterator train = folder(dir, 4, 9)) {
                runs.add(model.fit(train, 2, TwoClassData.binary(8, SIZE, 4, 3),
                        FitOptions.builder().verbose(0).build()).asMap());
            }
            weights.add(model.network().params().dup());
        }
        assertEquals(runs.get(0), runs.get(1), "same seed, same history");
        assertEquals(weights.get(0), weights.get(1), "same seed, same weights");
        assertNotEquals(runs.get(0), runs.get(2), "another seed, another history");
    }

    @Test
    void trainingLogsAreKerasValuesOfEachStepsForwardPass() {
        // with a vanishing learning rate the weights stay put, so an epoch's logged training loss and accuracy are
        // the loss and accuracy of the data under the initial weights, as evaluate computes them
        for (boolean categorical : new boolean[] {false, true}) {
            Sequential model = Sequential.builder().inputShape(SIZE, SIZE, 3).seed(17)
                    .add(Conv2D.of(4, 3).activation(Activation.RELU)).add(Flatten.of())
                    .add(categorical ? Dense.of(2).activation(Activation.SOFTMAX)
                            : Dense.of(1).activation(Activation.SIGMOID))
                    .compile(Optimizer.sgd(1e-12), categorical ? Loss.CATEGORICAL_CROSSENTROPY
                            : Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
            DataSetIterator data = categorical ? TwoClassData.categorical(16, SIZE, 8, 4)
                    : TwoClassData.binary(16, SIZE, 8, 4);
            Map<String, Double> before = model.evaluate(data);
            History h = model.fit(data, 1, null, FitOptions.builder().verbose(0).build());
            assertEquals(before.get("loss"), h.get("loss")[0], 1e-6, "categorical " + categorical);
            assertEquals(before.get("accuracy"), h.get("accuracy")[0], 1e-12, "categorical " + categorical);
        }
    }

    /**
     * fit and evaluate free each batch of ConvScope's own DirectoryIterator once done with it (its arrays are new
     * per batch; the lecture's native memory otherwise piled up until JavaCPP's limit), with the same results, and
     * never an array of the user's: a list iterator's DataSets serve again in the next epoch and stay readable.
     */
    @Test
    void fitFreesItsOwnIteratorsBatchesButNeverTheUsersArrays(@TempDir Path dir) {
        writeTwoClassFolder(dir, 6, 3);
        List<Map<String, List<Double>>> runs = new ArrayList<>();
        List<INDArray> inputs = new ArrayList<>();
        for (boolean userHook : new boolean[] {false, true}) {
            Sequential model = smallModel(31, false);
            try (DirectoryIterator train = DirectoryIterator.builder(dir).targetSize(SIZE, SIZE).batchSize(4)
                    .classMode(ClassMode.BINARY).seed(2).build();
                    DirectoryIterator validation = DirectoryIterator.builder(dir).targetSize(SIZE, SIZE)
                            .batchSize(5).classMode(ClassMode.BINARY).shuffle(false).build()) {
                if (userHook) {
                    // a pre-processor may hand out arrays the user keeps: then nothing is freed
                    train.setPreProcessor(ds -> { });
                    validation.setPreProcessor(ds -> { });
                }
                runs.add(model.fit(train, 2, validation, FitOptions.builder().verbose(0).build()).asMap());
            }
            inputs.add(model.network().getInput());
        }
        assertEquals(runs.get(0), runs.get(1), "freeing the batches changes no number");
        assertEquals(null, inputs.get(0), "the network keeps no freed input");
        assertTrue(inputs.get(1) != null && !inputs.get(1).wasClosed(), "with a pre-processor nothing is freed");

        DataSetIterator users = TwoClassData.binary(12, SIZE, 4, 8);
        List<DataSet> served = new ArrayList<>();
        users.forEachRemaining(served::add);
        users.reset();
        Sequential model = smallModel(31, false);
        model.fit(users, 2, users, FitOptions.builder().verbose(0).build());
        for (DataSet ds : served) {
            assertTrue(!ds.getFeatures().wasClosed() && !ds.getLabels().wasClosed(), "a user's array was freed");
            assertTrue(Double.isFinite(ds.getFeatures().sumNumber().doubleValue()));
        }
    }

    /** releaseTrainingWorkspaces returns DL4J's training workspace only; inference's and a caller's own stay. */
    @Test
    void releaseTrainingWorkspacesReturnsTheTrainingWorkspaceOnly() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1024).build();
        MemoryWorkspace own = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(conf, "callers_own");
        try (MemoryWorkspace ignored = own.notifyScopeEntered()) {
            Nd4j.create(DataType.FLOAT, 8);
        }
        Sequential model = smallModel(17, false);
        DataSetIterator data = TwoClassData.binary(16, SIZE, 8, 3);
        List<Double> losses = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            losses.addAll(model.fit(data, 1, data, FitOptions.builder().verbose(0).build()).asMap().get("loss"));
            List<String> ids = Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread();
            assertTrue(ids.contains("WS_ALL_LAYERS_ACT"), "fit keeps its training workspace for the next: " + ids);
            assertEquals(1, NativeMemory.releaseTrainingWorkspaces(), "one training workspace to return");
            ids = Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread();
            assertTrue(!ids.contains("WS_ALL_LAYERS_ACT"), "DL4J's training workspace left: " + ids);
            assertTrue(ids.contains("WS_LAYER_ACT_1"), "inference's workspaces are kept for predict: " + ids);
            assertTrue(ids.contains("callers_own"), "the caller's workspace was destroyed: " + ids);
        }
        assertTrue(losses.stream().allMatch(Double::isFinite), "fit after the release trains as before: " + losses);
        assertEquals(8, model.predict(Nd4j.rand(DataType.FLOAT, 8, SIZE, SIZE, 3)).size(0));
        Nd4j.getWorkspaceManager().destroyWorkspace(own);
    }

    /** releaseWorkspaces returns every DL4J network workspace, training and inference; a caller's own stays. */
    @Test
    void releaseWorkspacesReturnsTrainingAndInferenceWorkspaces() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1024).build();
        MemoryWorkspace own = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(conf, "callers_own_2");
        Sequential model = smallModel(19, false);
        DataSetIterator data = TwoClassData.binary(16, SIZE, 8, 3);
        model.fit(data, 1, data, FitOptions.builder().verbose(0).build());
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, SIZE, SIZE, 3);
        INDArray before = model.predict(x);
        List<String> ids = Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread();
        assertTrue(ids.containsAll(List.of("WS_ALL_LAYERS_ACT", "WS_LAYER_ACT_1", "WS_LAYER_ACT_2")), ids.toString());
        assertTrue(NativeMemory.releaseWorkspaces() >= 3, "training and inference workspaces to return");
        ids = Nd4j.getWorkspaceManager().getAllWorkspacesIdsForCurrentThread();
        for (String id : List.of("WS_ALL_LAYERS_ACT", "WS_LAYER_ACT_1", "WS_LAYER_ACT_2", "WS_LAYER_WORKING_MEM")) {
            assertTrue(!ids.contains(id), id + " left: " + ids);
        }
        assertTrue(ids.contains("callers_own_2"), "the caller's workspace was destroyed: " + ids);
        assertEquals(before, model.predict(x), "prediction after the release is the same");
        List<Double> losses = model.fit(data, 1, data, FitOptions.builder().verbose(0).build()).asMap().get("loss");
        assertTrue(losses.stream().allMatch(Double::isFinite), "fit after the release trains as before: " + losses);
        Nd4j.getWorkspaceManager().destroyWorkspace(own);
    }

    /**
     * releaseOptimizerState frees Adam's moments (twice the weights) and nothing else: predictions stay, a model saved
     * afterwards has no optimizer state and loads to the same predictions, and a later fit makes the state again.
     */
    @Test
    void releaseOptimizerStateFreesAdamsMomentsAndKeepsTheModelUsable(@TempDir Path dir) throws IOException {
        Sequential model = smallModel(23, false);
        DataSetIterator data = TwoClassData.binary(16, SIZE, 8, 5);
        model.fit(data, 1, null, FitOptions.builder().verbose(0).build());
        long params = model.network().numParams();
        assertEquals(2 * params, model.network().getUpdater(false).getStateViewArray().length(), "Adam: m and v");
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, SIZE, SIZE, 3);
        INDArray before = model.predict(x);

        assertEquals(2 * params * Float.BYTES, model.releaseOptimizerState(), "bytes freed");
        assertEquals(null, model.network().getUpdater(false), "the updater is gone");
        assertEquals(0, model.releaseOptimizerState(), "nothing left to free");
        assertEquals(before, model.predict(x), "prediction does not use the optimizer");

        Path saved = dir.resolve("released.zip");
        model.save(saved);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(saved.toFile())) {
            assertEquals(null, zip.getEntry("updaterState.bin"), "no optimizer state written after the release");
        }
        try (Sequential loaded = Sequential.load(saved)) {
            assertEquals(before, loaded.predict(x), "the saved weights load to the same predictions");
            assertEquals(null, loaded.network().getUpdater(false), "the loaded model makes its optimizer on fit");
        }

        INDArray weights = model.network().params().dup();
        List<Double> losses = model.fit(data, 1, null, FitOptions.builder().verbose(0).build()).asMap().get("loss");
        assertTrue(losses.stream().allMatch(Double::isFinite), "fit after the release trains: " + losses);
        assertNotEquals(weights, model.network().params(), "the weights moved");
        INDArray state = model.network().getUpdater(false).getStateViewArray();
        assertEquals(2 * params, state.length(), "fit made Adam's state again");
        assertTrue(state.amaxNumber().doubleValue() > 0, "and trained it");
        Path again = dir.resolve("trained-again.zip");
        model.save(again);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(again.toFile())) {
            assertTrue(zip.getEntry("updaterState.bin") != null, "the new optimizer state is saved again");
        }
    }

    /**
     * predict sends PREDICT_BATCH_SIZE images through the network at a time: a batch of 70 gives what its slices give,
     * and DL4J's inference workspaces end the same size after 160 images as after 64.
     */
    @Test
    void predictGoesInPassesOfKerasBatchSize() {
        Sequential model = smallModel(29, true);
        int n = 2 * Sequential.PREDICT_BATCH_SIZE + 6;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, SIZE, SIZE, 3);
        INDArray all = model.predict(x);
        assertArrayEquals(new long[] {n, 1}, all.shape());
        for (int from = 0; from < n; from += Sequential.PREDICT_BATCH_SIZE) {
            int to = Math.min(n, from + Sequential.PREDICT_BATCH_SIZE);
            assertEquals(model.predict(x.get(NDArrayIndex.interval(from, to)).dup()),
                    all.get(NDArrayIndex.interval(from, to)), "images " + from + ".." + to);
        }
        for (int i : new int[] {0, 33, n - 1}) {
            assertEquals(model.predict(x.get(NDArrayIndex.interval(i, i + 1)).dup()).getDouble(0),
                    all.getDouble(i, 0), 1e-6, "image " + i + " alone");
        }
        INDArray asDoubles = x.castTo(DataType.DOUBLE);
        assertEquals(all, model.predict(asDoubles), "a double batch is cast, in passes too");
        assertEquals(x.getDouble(5, 1, 2, 0), asDoubles.getDouble(5, 1, 2, 0), 1e-7, "the caller's batch is intact");

        NativeMemory.releaseWorkspaces();
        INDArray twoPasses = Nd4j.rand(DataType.FLOAT, 2 * Sequential.PREDICT_BATCH_SIZE, SIZE, SIZE, 3);
        model.predict(twoPasses);       // DL4J learns a workspace's size in one loop and allocates it in the next
        model.predict(twoPasses);
        long afterTwoPasses = inferenceWorkspaceBytes();
        NativeMemory.releaseWorkspaces();
        INDArray fivePasses = Nd4j.rand(DataType.FLOAT, 5 * Sequential.PREDICT_BATCH_SIZE, SIZE, SIZE, 3);
        model.predict(fivePasses);
        model.predict(fivePasses);
        assertTrue(afterTwoPasses > 0, "the passes use DL4J's inference workspaces");
        assertEquals(afterTwoPasses, inferenceWorkspaceBytes(), "workspaces sized by one pass, not the batch");
    }

    private static long inferenceWorkspaceBytes() {
        long bytes = 0;
        for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            if (ws.getId().startsWith("WS_LAYER_ACT_")) {
                bytes += ws.getCurrentSize();
            }
        }
        return bytes;
    }

    @Test
    void evaluateAndPredictAgree(@TempDir Path dir) {
        writeTwoClassFolder(dir, 5, 7);
        Sequential model = smallModel(13, true);
        model.fit(TwoClassData.binary(16, SIZE, 8, 1), 2, null, FitOptions.builder().verbose(0).build());
        try (DirectoryIterator data = folder(dir, 4, 1)) {
            Map<String, Double> result = model.evaluate(data);
            assertEquals(List.of("loss", "accuracy"), List.copyOf(result.keySet()));
            data.reset();
            double lossSum = 0;
            double correct = 0;
            int n = 0;
            while (data.hasNext()) {
                DataSet ds = data.next();
                INDArray features = ds.getFeatures();
                INDArray p = model.predict(features);
                assertArrayEquals(new long[] {features.size(0), 1}, p.shape());
                assertEquals(p, model.predict(features), "inference is deterministic (dropout off)");
                for (int i = 0; i < p.size(0); i++) {
                    double prob = p.getDouble(i, 0);
                    double y = ds.getLabels().getDouble(i, 0);
                    double c = Math.min(Math.max(prob, 1e-7), 1 - 1e-7);
                    lossSum -= y * Math.log(c + 1e-7) + (1 - y) * Math.log(1 - c + 1e-7);
                    correct += (prob > 0.5 ? 1 : 0) == y ? 1 : 0;
                    // one image through predict(FloatImage) gives the batch's row
                    INDArray hwc = features.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.all()).dup('c').castTo(DataType.FLOAT);
                    float[] single = model.predict(new FloatImage(SIZE, SIZE, 3, hwc.reshape(hwc.length()).toFloatVector()));
                    assertEquals(1, single.length);
                    assertEquals(prob, single[0], 1e-6);
                    n++;
                }
            }
            assertEquals(10, n);
            assertEquals(lossSum / n, result.get("loss"), 1e-5);
            assertEquals(correct / n, result.get("accuracy"), 1e-12);
        }
        SequentialStructureTest.assertRefused(() -> model.predict(new FloatImage(SIZE, SIZE + 1, 3,
                new float[SIZE * (SIZE + 1) * 3])), "input shape");
        SequentialStructureTest.assertRefused(() -> model.predict(
                org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 1, 3, SIZE, SIZE)), "NHWC");
    }
}
