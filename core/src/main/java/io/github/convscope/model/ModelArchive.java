package io.github.convscope.model;

import io.github.convscope.backend.NativeAcceleration;
import io.github.convscope.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saved models: DL4J's {@link ModelSerializer} zip (configuration, weights, updater state) plus one entry,
 * {@value #ENTRY}, with what {@link Sequential} needs to come back whole (layer specs, compile settings, input
 * shape, seed, layout, class names). Writes go to a temporary file in the target folder, then an atomic move.
 */
final class ModelArchive {
    /**
     * At the top level of the zip: DL4J's {@code ModelSerializer.loadZipData} throws IllegalArgumentException on any
     * directory entry, so a {@code convscope/} folder would make the model unreadable.
     */
    static final String ENTRY = "convscope-model.properties";
    static final String FORMAT = "convscope-sequential-1";

    private ModelArchive() {
    }

    static void save(Sequential model, ModelSpec spec, Path path) throws IOException {
        Path target = path.toAbsolutePath();
        if (Files.exists(target) && !isConvScopeModel(target)) {
            throw new IOException("refusing to replace " + target + ": it exists and is not a ConvScope model; "
                    + "delete it or choose another path");
        }
        Files.createDirectories(target.getParent());
        Path dl4j = AtomicFiles.createSibling(target, ".dl4j.tmp");
        try {
            ModelSerializer.writeModel(model.network(), dl4j.toFile(), model.savesOptimizerState());
            // Copy DL4J's entries and add ours. No directory entries: ModelSerializer.restoreMultiLayerNetwork
            // (1.0.0-M2.1, loadZipData) throws IllegalArgumentException on any directory entry in the zip.
            AtomicFiles.write(target, stream -> {
                try (ZipFile in = new ZipFile(dl4j.toFile());
                        ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(stream))) {
                    for (ZipEntry e : java.util.Collections.list(in.entries())) {
                        out.putNextEntry(new ZipEntry(e.getName()));
                        try (InputStream data = in.getInputStream(e)) {
                            data.transferTo(out);
                        }
                        out.closeEntry();
                    }
                    out.putNextEntry(new ZipEntry(ENTRY));
                    out.write(describe(model, spec).getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            });
        } finally {
            Files.deleteIfExists(dl4j);
        }
    }

    /** Whether {@code path} is a zip holding ConvScope's description entry. */
    static boolean isConvScopeModel(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return zip.getEntry(ENTRY) != null;
        } catch (IOException e) {
            return false;
        }
    }

    // a file that is not a zip at all, or a zip cut short, says so with its path and what a model file is
    private static ZipFile openModel(Path path) throws IOException {
        try {
            return new ZipFile(path.toFile());
        } catch (java.util.zip.ZipException e) {
            throw new IOException(path.toAbsolutePath() + " is not a ConvScope model: not a complete zip file ("
                    + e.getMessage() + "); it may be truncated (an interrupted copy or download) or another kind of "
                    + "file. A model file is the .zip that Sequential.save writes", e);
        }
    }

    static Sequential load(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("no model file at " + path.toAbsolutePath());
        }
        Properties p = new Properties();
        try (ZipFile zip = openModel(path)) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(path.toAbsolutePath() + " is not a ConvScope model (no " + ENTRY
                        + "); a plain DL4J model loads with ModelSerializer.restoreMultiLayerNetwork");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException(path.toAbsolutePath() + " has unknown model format " + p.getProperty("format"));
        }
        try {
            ModelSpec spec = readSpec(p);
            MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(path.toFile(), true);
            return new Sequential(spec, rebuild(spec, saved), readClasses(p));
        } catch (RuntimeException e) {
            throw new IOException("cannot read the ConvScope model " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static ModelSpec readSpec(Properties p) {
        int[] shape = Arrays.stream(p.getProperty("inputShape").split(",")).mapToInt(Integer::parseInt).toArray();
        List<LayerSpec> specs = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("layers"));
        for (int i = 0; i < count; i++) {
            specs.add(LayerSpec.fromSettings(withPrefix(p, "layer." + i + ".")));
        }
        Optimizer optimizer = null;
        Loss loss = null;
        List<Metric> metrics = new ArrayList<>();
        if (p.getProperty("loss") != null) {
            optimizer = Optimizer.fromSettings(withPrefix(p, "compile."));
            loss = Loss.valueOf(p.getProperty("loss"));
            for (String m : p.getProperty("metrics", "").split(",")) {
                if (!m.isEmpty()) {
                    metrics.add(Metric.valueOf(m));
                }
            }
        }
        return new ModelSpec(p.getProperty("name"), shape, specs, optimizer, loss, metrics,
                Long.parseLong(p.getProperty("seed")), CNN2DFormat.valueOf(p.getProperty("dataFormat")));
    }

    /** The properties under {@code prefix}, with the prefix cut off. */
    private static Map<String, String> withPrefix(Properties p, String prefix) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                s.put(key.substring(prefix.length()), p.getProperty(key));
            }
        }
        return s;
    }

    private static List<String> readClasses(Properties p) {
        List<String> classes = new ArrayList<>();
        int classCount = Integer.parseInt(p.getProperty("classes", "0"));
        for (int i = 0; i < classCount; i++) {
            classes.add(p.getProperty("class." + i));
        }
        return classes;
    }

    /**
     * The network {@code spec} describes on this JVM's execution path (native convolutions or DL4J's plain layers),
     * carrying the saved weights, updater state and iteration and epoch counts. Archives hold whichever DL4J layer
     * classes wrote them (plain layers before the native path existed, in NCHW or NHWC); the layout is the saved one.
     */
    static MultiLayerNetwork rebuild(ModelSpec spec, MultiLayerNetwork saved) {
        MultiLayerNetwork network = new MultiLayerNetwork(spec.toConfiguration());
        if (network.numParams() != saved.numParams()) {
            throw new IllegalArgumentException("the saved network has " + saved.numParams() + " parameters, its "
                    + "description " + network.numParams());
        }
        network.init();
        network.setParams(saved.params());
        Updater savedUpdater = saved.getUpdater(false);
        INDArray state = savedUpdater == null ? null : savedUpdater.getStateViewArray();
        if (state != null) {
            network.getUpdater().setStateViewArray(network, state.dup(), false);
        }
        network.setIterationCount(saved.getIterationCount());
        network.setEpochCount(saved.getEpochCount());
        return network;
    }

    private static String describe(Sequential model, ModelSpec spec) throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("format", FORMAT);
        p.put("name", spec.name());
        p.put("inputShape", spec.inputShape()[0] + "," + spec.inputShape()[1] + "," + spec.inputShape()[2]);
        p.put("seed", Long.toString(spec.seed()));
        p.put("dataFormat", spec.format().name());
        p.put("layers", Integer.toString(spec.specs().size()));
        for (int i = 0; i < spec.specs().size(); i++) {
            for (Map.Entry<String, String> e : spec.specs().get(i).settings().entrySet()) {
                p.put("layer." + i + "." + e.getKey(), e.getValue());
            }
        }
        if (spec.loss() != null) {
            spec.optimizer().settings().forEach((k, v) -> p.put("compile." + k, v));
            p.put("loss", spec.loss().name());
            p.put("metrics", String.join(",", spec.metrics().stream().map(Enum::name).toList()));
        }
        List<String> classes = model.classNames();
        p.put("classes", Integer.toString(classes.size()));
        for (int i = 0; i < classes.size(); i++) {
            p.put("class." + i, classes.get(i));
        }
        Properties props = new Properties();
        props.putAll(p);
        StringWriter w = new StringWriter();
        props.store(w, "ConvScope Sequential model description");
        return w.toString();
    }

}
