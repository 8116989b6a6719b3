package io.github.convscope.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report equals scikit-learn's on fixed predictions: numbers and text (fixture: reports.txt, written by
 * generate_reports.py beside it).
 */
class ClassificationReportGoldenTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void everyCaseMatchesScikitLearnNumbersAndText() throws IOException {
        List<Case> cases = readCases();
        assertEquals(6, cases.size(), "fixture cases");
        for (Case c : cases) {
            ClassificationReport report = c.probs == null
                    ? ClassificationReport.of(c.trueLabels, c.predicted, c.names)
                    : ClassificationReport.fromProbabilities(c.trueLabels, c.probs, c.names);
            if (c.probs != null) {
                assertArrayEquals(c.predicted, ConfusionMatrix.predictedClasses(c.probs), c.name + " predicted");
            }
            int[][] counts = report.confusion().counts();
            assertArrayEquals(c.confusion, Arrays.stream(counts).flatMapToInt(Arrays::stream).toArray(),
                    c.name + " confusion");
            for (int i = 0; i < c.names.size(); i++) {
                assertScores(c.name + " " + c.names.get(i), c.scores.get(i), report.classes().get(i));
            }
            assertEquals(c.accuracy, report.accuracy(), TOLERANCE, c.name + " accuracy");
            assertScores(c.name + " micro", c.micro, report.microAvg());
            assertScores(c.name + " macro", c.macro, report.macroAvg());
            assertScores(c.name + " weighted", c.weighted, report.weightedAvg());
            assertEquals(c.text, report.format(c.digits), c.name + " text");
            if (c.digits == ClassificationReport.DEFAULT_DIGITS) {
                assertEquals(c.text, report.toString(), c.name + " toString");
            }
        }
    }

    @Test
    void fixtureHoldsAClassWithNoPredictions() throws IOException {
        Case c = readCases().get(0);
        assertFalse(Arrays.stream(c.predicted).anyMatch(p -> p == 2), "horses must never be predicted");
        assertEquals(0.0, ClassificationReport.of(c.trueLabels, c.predicted, c.names).classes().get(2).precision());
    }

    private static void assertScores(String what, double[] expected, ClassScores actual) {
        assertEquals(expected[0], actual.precision(), TOLERANCE, what + " precision");
        assertEquals(expected[1], actual.recall(), TOLERANCE, what + " recall");
        assertEquals(expected[2], actual.f1Score(), TOLERANCE, what + " f1");
        assertEquals((int) expected[3], actual.support(), what + " support");
    }

    private record Case(String name, List<String> names, int digits, int[] trueLabels, float[][] probs,
                        int[] predicted, int[] confusion, List<double[]> scores, double accuracy, double[] micro, double[] macro,
                        double[] weighted, String text) {
    }

    private static List<Case> readCases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ClassificationReportGoldenTest.class.getResourceAsStream("reports.txt"), StandardCharsets.UTF_8))) {
            String line;
            String name = null;
            List<String> names = null;
            int digits = 0;
            int[] t = null;
            int[] p = null;
            int[] cm = null;
            float[][] probs = null;
            List<double[]> scores = new ArrayList<>();
            double accuracy = 0;
            double[] micro = null;
            double[] macro = null;
            double[] weighted = null;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(" ", 2);
                switch (f[0]) {
                    case "case" -> {
                        name = f[1];
                        probs = null;
                        scores = new ArrayList<>();
                    }
                    case "classes" -> names = List.of(f[1].split("\\|"));
                    case "digits" -> digits = Integer.parseInt(f[1]);
                    case "true" -> t = ints(f[1]);
                    case "pred" -> p = ints(f[1]);
                    case "confusion" -> cm = ints(f[1]);
                    case "probs" -> probs = matrix(f[1]);
                    case "scores" -> scores.add(doubles(f[1]));
                    case "accuracy" -> accuracy = Double.parseDouble(f[1]);
                    case "micro" -> micro = doubles(f[1]);
                    case "macro" -> macro = doubles(f[1]);
                    case "weighted" -> weighted = doubles(f[1]);
                    case "text" -> {
                        int n = Integer.parseInt(f[1]);
                        List<String> lines = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            lines.add(in.readLine().substring(1));
                        }
                        cases.add(new Case(name, names, digits, t, probs, p, cm, scores, accuracy, micro, macro, weighted,
                                String.join("\n", lines)));
                    }
                    default -> { }
                }
            }
        }
        return cases;
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    private static double[] doubles(String s) {
        return Arrays.stream(s.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static float[][] matrix(String s) {
        String[] f = s.trim().split(" ");
        int cols = Integer.parseInt(f[0]);
        float[][] m = new float[(f.length - 1) / cols][cols];
        for (int i = 1; i < f.length; i++) {
            m[(i - 1) / cols][(i - 1) % cols] = Float.parseFloat(f[i]);
        }
        return m;
    }
}
