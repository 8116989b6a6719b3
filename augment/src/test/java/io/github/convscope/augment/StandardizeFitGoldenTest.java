package io.github.convscope.augment;

import io.github.convscope.image.FloatImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code standardize} and {@code fit} against Keras 1.1.0 (golden fixtures). */
class StandardizeFitGoldenTest {
    private static final float[] RGB = Golden.floats("image_rgb_23x31x3.bin");
    private static final float[] GRAY = Golden.floats("image_gray_23x31x1.bin");

    private static Map<String, float[]> fitValues() {
        Map<String, float[]> values = new HashMap<>();
        for (String[] row : Golden.lines("fit_values.txt")) {
            float[] v = new float[row.length - 2];
            for (int i = 2; i < row.length; i++) {
                v[i - 2] = (float) Double.parseDouble(row[i]);
            }
            values.put(row[0] + " " + row[1], v);
        }
        return values;
    }

    private static float[] slice(float[] all, int from, int length) {
        return Arrays.copyOfRange(all, from, from + length);
    }

    @Test
    void standardizeMatchesKerasBitForBit() {
        float[] expected = Golden.floats("standardize_outputs.bin");
        int n = RGB.length;
        FloatImage rescaled = ImageDataGenerator.builder().rescale(1.0 / 255).build()
                .standardize(new FloatImage(23, 31, 3, RGB.clone()));
        assertArrayEquals(slice(expected, 0, n), rescaled.data(), "rescale is a float32 multiply");

        FloatImage preprocessed = ImageDataGenerator.builder().rescale(0.5).preprocessingFunction(image -> {
            float[] d = image.data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (d[i] * 2.0 - 7.0);
            }
            return image;
        }).build().standardize(new FloatImage(23, 31, 3, RGB.clone()));
        assertArrayEquals(slice(expected, n, n), preprocessed.data(), "preprocessing function runs before rescale");

        FloatImage samplewise = ImageDataGenerator.builder().rescale(1.0 / 255).samplewiseCenter(true)
                .samplewiseStdNormalization(true).build().standardize(new FloatImage(23, 31, 3, RGB.clone()));
        assertArrayEquals(slice(expected, 2 * n, n), samplewise.data(), "samplewise centre and std");

        FloatImage grayCentred = ImageDataGenerator.builder().samplewiseCenter(true).build()
                .standardize(new FloatImage(23, 31, 1, GRAY.clone()));
        assertArrayEquals(slice(expected, 3 * n, GRAY.length), grayCentred.data());
    }

    @Test
    void divisionWouldDifferFromKerasMultiplication() {
        int differ = 0;
        for (int v = 0; v < 256; v++) {
            differ += v / 255f != v * (float) (1.0 / 255) ? 1 : 0;
        }
        assertTrue(differ > 100, "x / 255 and x * (1 / 255) differ on " + differ + " byte values");
    }

    @Test
    void featurewiseFitMatchesKerasAndIgnoresRescaleLike110() {
        Map<String, float[]> golden = fitValues();
        float[] x = Golden.floats("fit_x_6x5x7x3.bin");
        ImageDataGenerator generator = ImageDataGenerator.builder().featurewiseCenter(true)
                .featurewiseStdNormalization(true).rescale(1.0 / 255).build();
        generator.fit(Nd4j.create(x.clone(), new long[] {6, 5, 7, 3}, 'c'));
        assertArrayEquals(golden.get("featurewise mean"), generator.mean().orElseThrow().data().asFloat());
        assertArrayEquals(golden.get("featurewise std"), generator.std().orElseThrow().data().asFloat());
        // Keras 1.1.0 bug kept: the mean (about 128) was fitted without rescale but is subtracted after it
        FloatImage out = generator.standardize(new FloatImage(5, 7, 3, slice(x, 2 * 105, 105)));
        assertArrayEquals(slice(Golden.floats("fit_outputs.bin"), 0, 105), out.data());
    }

    @Test
    void augmentedFitDrawsTheSameTransformsAsKeras() {
        Map<String, float[]> golden = fitValues();
        float[] x = Golden.floats("fit_x_6x5x7x3.bin");
        ImageDataGenerator generator = ImageDataGenerator.builder().featurewiseCenter(true)
                .featurewiseStdNormalization(true).rotationRange(30).widthShiftRange(0.2).horizontalFlip(true)
                .zoomRange(0.2).build();
        generator.fit(Nd4j.create(x, new long[] {6, 5, 7, 3}, 'c'), true, 2, 7L);
        assertArrayEquals(golden.get("augmented mean"), generator.mean().orElseThrow().data().asFloat());
        assertArrayEquals(golden.get("augmented std"), generator.std().orElseThrow().data().asFloat());
    }

    @Test
    void oneChannelFitMatchesKeras() {
        Map<String, float[]> golden = fitValues();
        ImageDataGenerator generator = ImageDataGenerator.builder().featurewiseStdNormalization(true).build();
        assertTrue(generator.settings().featurewiseCenter(), "std normalisation implies centring");
        generator.fit(Nd4j.create(Golden.floats("fit_gray_4x5x7x1.bin"), new long[] {4, 5, 7, 1}, 'c'));
        assertArrayEquals(golden.get("gray mean"), generator.mean().orElseThrow().data().asFloat());
        assertArrayEquals(golden.get("gray std"), generator.std().orElseThrow().data().asFloat());
    }

    @Test
    void zcaMatchesKerasWithinFloat32Precision() {
        Map<String, float[]> golden = fitValues();
        float[] x = Golden.floats("zca_x_40x3x4x2.bin");
        ImageDataGenerator generator = ImageDataGenerator.builder().zcaWhitening(true).zcaEpsilon(1e-2).build();
        assertTrue(generator.settings().featurewiseCenter());
        assertFalse(generator.settings().featurewiseStdNormalization());
        generator.fit(Nd4j.create(x, new long[] {40, 3, 4, 2}, 'c'));
        assertArrayEquals(golden.get("zca mean"), generator.mean().orElseThrow().data().asFloat());
        assertTrue(generator.std().isEmpty());
        INDArray pc = generator.principalComponents().orElseThrow();
        assertArrayEquals(new long[] {24, 24}, pc.shape());
        float[] expectedPc = Golden.floats("zca_principal_components_24x24.bin");
        float[] actualPc = pc.data().asFloat();
        // Keras computes sigma, the SVD and the product in float32; ConvScope in float64
        for (int i = 0; i < expectedPc.length; i++) {
            assertEquals(expectedPc[i], actualPc[i], 2e-5 + 1e-3 * Math.abs(expectedPc[i]), "pc[" + i + "]");
        }
        FloatImage out = generator.standardize(new FloatImage(3, 4, 2, slice(x, 3 * 24, 24)));
        float[] expected = slice(Golden.floats("fit_outputs.bin"), 105, 24);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], out.data()[i], 1e-3 * Math.max(1, Math.abs(expected[i])), "whitened[" + i + "]");
        }
    }
}
