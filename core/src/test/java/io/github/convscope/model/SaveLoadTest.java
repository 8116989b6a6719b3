package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** save/load round trips: same predictions, summary, class names and compile settings; training resumes exactly. */
class SaveLoadTest {
    private static final int SIZE = 12;

    private static Sequential model(long seed, Optimizer optimizer, boolean dropout) {
        Sequential.Builder b = Sequential.builder().inputShape(SIZE, SIZE, 3).seed(seed).name("tiny_cnn")
                .add(Conv2D.of(4, 3).padding(Padding.SAME).activation(Activation.RELU)).add(MaxPooling2D.of());
        if (dropout) {
            b.add(Dropout.of(0.25));
        }
        return b.add(AveragePooling2D.of(3).strides(1)).add(BatchNormalization.of()).add(Flatten.of())
                .add(Dense.of(6).activation(Activation.TANH)).add(Dense.of(1).activation(Activation.SIGMOID))
                .compile(optimizer, Loss.BINARY_CROSSENTROPY, Metric.ACCURACY).build();
    }

    private static FitOptions quiet() {
        return FitOptions.builder().verbose(0).build();
    }

    @Test
    void roundTripKeepsEverything(@TempDir Path dir) throws IOException {
        Sequential m = model(3, Optimizer.rmsprop(0.002), true);
        m.fit(TwoClassData.binary(16, SIZE, 8, 1), 2, null, quiet());
        Path file = dir.resolve("model.zip");
        m.save(file);
        Sequential back = Sequential.load(file);
        INDArray x = TwoClassData.binary(8, SIZE, 8, 5).next().getFeatures();
        assertEquals(m.predict(x), back.predict(x), "identical predictions");
        assertEquals(m.summary(), back.summary());
        assertEquals(m.layers(), back.layers());
        assertEquals(List.of("left", "right"), back.classNames());
        assertEquals(m.classNames(), back.classNames());
        assertEquals(Loss.BINARY_CROSSENTROPY, back.loss());
        assertEquals(List.of(Metric.ACCURACY), back.metrics());
        assertEquals(m.optimizer().toString(), back.optimizer().toString());
        assertEquals(0.002, back.optimizer().learningRate());
        assertEquals("tiny_cnn", back.name());
        assertEquals(m.seed(), back.seed());
        assertEquals(m.specs().toString(), back.specs().toString());
        assertEquals(0.25, ((Dropout) back.specs().get(2)).rate());
        assertEquals(m.network().params(), back.network().params());
        assertEquals(m.evaluate(TwoClassData.binary(8, SIZE, 8, 5)),
                back.evaluate(TwoClassData.binary(8, SIZE, 8, 5)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary files left");
        }
        // a model may replace a saved model
        back.save(file);
        assertEquals(m.predict(x), Sequential.load(file).predict(x));
    }

    @Test
    void trainingResumesExactlyAfterLoad(@TempDir Path dir) throws IOException {
        for (Optimizer optimizer : new Optimizer[] {Optimizer.adam(0.01), Optimizer.sgd(0.05, 0.9)}) {
            Sequential m = model(4, optimizer, false);
            m.fit(TwoClassData.binary(16, SIZE, 8, 1), 2, null, quiet());
            Path file = dir.resolve(optimizer.kerasName() + ".zip");
            m.save(file);
            Sequential back = Sequential.load(file);
            // the updater state (Adam moments, SGD velocity) came back too: the next epoch is the same
            History original = m.fit(TwoClassData.binary(16, SIZE, 8, 1), 1, null, quiet());
            History resumed = back.fit(TwoClassData.binary(16, SIZE, 8, 1), 1, null, quiet());
            assertEquals(original.asMap(), resumed.asMap(), optimizer.toString());
            assertEquals(m.network().params(), back.network().params(), optimizer.toString());
        }
    }

    @Test
    void uncompiledModelRoundTrips(@TempDir Path dir) throws IOException {
        Sequential m = Sequential.builder().inputShape(SIZE, SIZE, 1).seed(1).add(Conv2D.of(2, 3))
                .add(GlobalAveragePooling2D.of()).add(Dense.of(3).activation(Activation.SOFTMAX)).build();
        Path file = dir.resolve("u.zip");
        m.save(file);
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // the saved model gets what the umask gives any new file, not a temporary file's 0600
            Path reference = Files.createFile(dir.resolve("reference.txt"));
            assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file));
        }
        Sequential back = Sequential.load(file);
        assertEquals(null, back.loss());
        assertEquals(List.of(), back.classNames());
        assertEquals(m.summary(), back.summary());
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, SIZE, SIZE, 1);
        assertEquals(m.predict(x), back.predict(x));
    }

    @Test
    void refusals(@TempDir Path dir) throws IOException {
        Sequential m = model(5, Optimizer.adam(), false);
        Path foreign = dir.resolve("thesis.zip");
        Files.writeString(foreign, "not a model", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> m.save(foreign));
        assertTrue(e.getMessage().contains("not a ConvScope model"), e.getMessage());
        assertEquals("not a model", Files.readString(foreign));
        assertThrows(IOException.class, () -> Sequential.load(dir.resolve("missing.zip")));
        Path plain = dir.resolve("plain.zip");
        ModelSerializer.writeModel(m.network(), plain.toFile(), true);
        IOException p = assertThrows(IOException.class, () -> Sequential.load(plain));
        assertTrue(p.getMessage().contains("not a ConvScope model")
                && p.getMessage().contains("ModelSerializer.restoreMultiLayerNetwork"), p.getMessage());
    }
}
