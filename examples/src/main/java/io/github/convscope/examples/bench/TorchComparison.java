package io.github.convscope.examples.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ConvScope against PyTorch on the lecture's model in one window: training and inference images/s and peak resident
 * memory, each side in its own process, alternating ({@code TrainingBenchmark --mode convscope} in a child JVM with
 * this JVM's -Xmx and -D options, then {@code torch_lecture_benchmark.py --repeats 1}), with the load average
 * before each run, and the CPU time of all each process's threads per image, which depends less on a busy machine
 * than the rates; prints medians and ConvScope / PyTorch ratios against both PyTorch layouts.
 *
 * <p>Options: {@code --rounds N} (default 3), {@code --steps N} (timed batches per run, default 3), {@code --batch N}
 * (default 128), {@code --threads N} (PyTorch's threads, default 2, as ND4J's on 2 cores), {@code --python CMD}
 * (default {@code python3}), {@code --script PATH} (default
 * {@code examples/src/main/python/torch_lecture_benchmark.py}, relative to the working folder).
 */
public final class TorchComparison {
    private TorchComparison() {
    }

    /** Runs the comparison; see the class comment for the options. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        String steps = o.getOrDefault("steps", "3");
        String batch = o.getOrDefault("batch", "128");
        List<String> java = new ArrayList<>();
        java.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-D")).forEach(java::add);
        java.addAll(List.of("-cp", System.getProperty("java.class.path"), TrainingBenchmark.class.getName(),
                "--mode", "convscope", "--batch", batch, "--steps", steps));
        List<String> torch = List.of(o.getOrDefault("python", "python3"),
                o.getOrDefault("script", "examples/src/main/python/torch_lecture_benchmark.py"), "--repeats", "1",
                "--steps", steps, "--batch", batch, "--threads", o.getOrDefault("threads", "2"));
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            List<List<String>> order = round % 2 == 0 ? List.of(java, torch) : List.of(torch, java);
            for (List<String> cmd : order) {
                String load = BenchSupport.load();
                for (Map.Entry<String, double[]> r : run(cmd).entrySet()) {
                    double[] v = r.getValue();
                    System.out.printf(Locale.ROOT, "round %d %-21s train %6.1f img/s  infer %6.1f img/s  peak RSS %5.0f"
                            + " MB  CPU ms/img train %6.1f infer %5.1f  (%s)%n", round + 1, r.getKey(), v[0], v[1], v[2],
                            v[3], v[4], load);
                    results.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nmedians over %d rounds, batch %s, %s timed steps:%n", rounds, batch, steps);
        Map<String, double[]> medians = new LinkedHashMap<>();
        results.forEach((k, v) -> medians.put(k, median(v)));
        double[] ours = medians.get("convscope");
        medians.forEach((k, m) -> System.out.printf(Locale.ROOT, "%-21s train %6.1f img/s (%.2fx)  infer %6.1f img/s "
                + "(%.2fx)  peak RSS %5.0f MB (%.2fx)  CPU ms/img train %6.1f (%.2fx) infer %5.1f (%.2fx)%n", k, m[0],
                ours[0] / m[0], m[1], ours[1] / m[1], m[2], ours[2] / m[2], m[3], m[3] / ours[3], m[4],
                m[4] / ours[4]));
        System.out.println("(ratios: ConvScope's speed / that row's; for memory, ConvScope's / that row's)");
    }

    /** The RESULT lines of one child: name -> {train, infer, rss}. */
    private static Map<String, double[]> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, double[]> out = new LinkedHashMap<>();
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.split(" ");
                    Map<String, Double> kv = new LinkedHashMap<>();
                    for (int i = 2; i < parts.length; i++) {
                        String[] pair = parts[i].split("=");
                        kv.put(pair[0], Double.parseDouble(pair[1]));
                    }
                    out.put(parts[1], new double[] {kv.get("train"), kv.get("infer"), kv.getOrDefault("rss", -1.0),
                        kv.getOrDefault("train_cpu", -1.0), kv.getOrDefault("infer_cpu", -1.0)});
                } else {
                    tail.append(line).append('\n');
                    if (tail.length() > 4000) {
                        tail.delete(0, tail.length() - 4000);
                    }
                }
            }
        }
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n" + tail);
        }
        return out;
    }

    private static double[] median(List<double[]> runs) {
        double[] m = new double[5];
        for (int k = 0; k < 5; k++) {
            final int col = k;
            m[k] = BenchSupport.median(runs.stream().map(r -> r[col]).toList());
        }
        return m;
    }
}
