package io.github.convscope.examples.lecture;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The last section: the run's settings and versions, so that a report says how it was made. */
public final class RunSettings {
    private RunSettings() {
    }

    /** Reports the run's settings, versions and wall time. */
    public static void run(LectureRun run) {
        LectureSettings s = run.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("dataset", s.datasetDescription());
        settings.put("epochs per model", s.epochs());
        settings.put("batch size", s.batchSize());
        settings.put("image size", s.imageSize() + " x " + s.imageSize());
        settings.put("seed", s.seed());
        settings.put("quick", s.quick());
        settings.put("ConvScope", version("io/github/convscope/examples/version.properties", "version"));
        settings.put("Deeplearning4j", version("META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties",
                "version"));
        settings.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        settings.put("operating system", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        settings.put("wall time", Duration.between(run.start(), Instant.now()).toSeconds() + " s");
        run.report().keyValues(settings);
    }

    private static String version(String resource, String key) {
        try (InputStream in = RunSettings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key, "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
