package io.github.convscope.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting, the arg-max and threshold rules, immutability and the error messages. */
class ConfusionMatrixTest {

    private static final List<String> NAMES = List.of("cats", "dogs", "horses");

    @Test
    void countsRowsAsTrueAndColumnsAsPredicted() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 0, 1, 2, 2, 2}, new int[] {0, 1, 1, 2, 0, 2}, NAMES);
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}}, cm.counts());
        assertEquals(6, cm.total());
        assertEquals(4, cm.correct());
        assertEquals(4 / 6.0, cm.accuracy(), 1e-15);
        assertEquals(3, cm.support(2));
        assertEquals(2, cm.predictedCount(0));
        assertEquals(1, cm.count(0, 1));
    }

    @Test
    void countsAreACopy() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0}, new int[] {0}, NAMES);
        cm.counts()[0][0] = 99;
        assertEquals(1, cm.count(0, 0));
        assertEquals(cm, ConfusionMatrix.of(new int[] {0}, new int[] {0}, NAMES));
    }

    @Test
    void argMaxTakesTheFirstOnTiesAndOneColumnUsesStrictlyGreaterThanHalf() {
        assertArrayEquals(new int[] {1, 0, 2},
                ConfusionMatrix.predictedClasses(new float[][] {{0.2f, 0.5f, 0.3f}, {0.4f, 0.4f, 0.2f}, {0, 0, 1}}));
        assertArrayEquals(new int[] {0, 1, 0},
                ConfusionMatrix.predictedClasses(new float[][] {{0.5f}, {0.5000001f}, {0.1f}}));
    }

    @Test
    void textShowsEveryCount() {
        String text = ConfusionMatrix.of(new int[] {0, 2}, new int[] {1, 2}, NAMES).toString();
        assertEquals("true \\ predicted    cats    dogs  horses\n"
                + "cats                   0       1       0\n"
                + "dogs                   0       0       0\n"
                + "horses                 0       0       1\n", text);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 0}, NAMES));
        assertTrue(e.getMessage().contains("trueLabels[1] = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0}, new int[] {0, 0}, NAMES));
        assertTrue(e.getMessage().contains("predictedLabels has 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.predictedClasses(new float[][] {{0.1f, Float.NaN}}));
        assertTrue(e.getMessage().contains("probabilities[0][1] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.predictedClasses(new float[][] {{0.1f, 0.9f}, {1f}}));
        assertTrue(e.getMessage().contains("row 1 has 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[0], new int[0], List.of("a", "a")));
        assertTrue(e.getMessage().contains("distinct"), e.getMessage());
    }
}
