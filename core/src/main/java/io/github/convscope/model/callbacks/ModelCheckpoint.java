package io.github.convscope.model.callbacks;

import io.github.convscope.model.Callback;
import io.github.convscope.model.TrainingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keras {@code ModelCheckpoint}: saves the model after each epoch (or only when the monitored value improved) with
 * {@link io.github.convscope.model.Sequential#save}: an atomic write through a temporary file. The path may hold
 * Keras placeholders such as {@code weights.{epoch:02d}-{val_loss:.2f}.zip}. An existing ConvScope model at the path
 * is replaced; any other existing file is refused, so a checkpoint never overwrites a user's file.
 *
 * <pre>{@code
 * ModelCheckpoint.builder(dir.resolve("best.zip")).monitor("val_accuracy").saveBestOnly(true).build()
 * }</pre>
 */
public final class ModelCheckpoint implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCheckpoint.class);
    private static final Pattern FIELD = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");
    private final String template;
    private final Monitor monitor;
    private final boolean saveBestOnly;
    private double best;
    private Path lastSaved;

    private ModelCheckpoint(Builder b) {
        this.template = b.path.toString();
        this.monitor = new Monitor("ModelCheckpoint", b.monitor, b.mode);
        this.saveBestOnly = b.saveBestOnly;
    }

    /** A builder saving to {@code path} (Keras defaults: monitor val_loss, every epoch, mode auto). */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** The file written last, or null before the first save. */
    public Path lastSaved() {
        return lastSaved;
    }

    @Override
    public void onTrainBegin(TrainingContext context) {
        if (saveBestOnly) {
            monitor.check(context);
        }
        // refused before the first epoch rather than at its end: a path that names a folder can never be saved to
        Map<String, Double> zeros = new java.util.HashMap<>();
        context.logKeys().forEach(k -> zeros.put(k, 0.0));
        Path first;
        try {
            first = Path.of(format(template, 1, zeros));
        } catch (RuntimeException e) {
            first = null; // a placeholder the logs will fill: checked when saving
        }
        if (first != null && java.nio.file.Files.isDirectory(first)) {
            throw new IllegalArgumentException("ModelCheckpoint path " + first + " is a folder; give a file in it, "
                    + "e.g. " + first.resolve("model.{epoch:02d}.zip"));
        }
        best = monitor.worst();
    }

    @Override
    public void onEpochEnd(TrainingContext context, int epoch, Map<String, Double> logs) {
        Path path = Path.of(format(template, epoch + 1, logs));
        if (saveBestOnly) {
            double current = monitor.value(logs);
            if (!monitor.improved(current, best, 0)) {
                LOG.info("Epoch {}: {} did not improve from {}", epoch + 1, monitor.key(), best);
                return;
            }
            LOG.info("Epoch {}: {} improved from {} to {}, saving model to {}", epoch + 1, monitor.key(), best,
                    current, path);
            best = current;
        }
        try {
            context.model().save(path);
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint could not save " + path, e);
        }
        lastSaved = path;
    }

    /** Keras filepath.format(epoch=epoch + 1, **logs), for the {name} and {name:spec} forms. */
    static String format(String template, int epoch, Map<String, Double> logs) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String spec = m.group(2);
            Object value;
            if (name.equals("epoch")) {
                value = epoch;
            } else if (logs.containsKey(name)) {
                value = logs.get(name);
            } else {
                throw new IllegalArgumentException("ModelCheckpoint path uses {" + name + "}, which is not logged; "
                        + "available: epoch and " + logs.keySet());
            }
            String text = spec == null || spec.isEmpty() ? String.valueOf(value)
                    : String.format(Locale.ROOT, "%" + spec, value);
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Builds {@link ModelCheckpoint}. */
    public static final class Builder {
        private final Path path;
        private String monitor = "val_loss";
        private boolean saveBestOnly;
        private MonitorMode mode = MonitorMode.AUTO;

        private Builder(Path path) {
            this.path = path;
        }

        /** The log key compared when saving only the best (default {@code val_loss}). */
        public Builder monitor(String value) {
            this.monitor = value;
            return this;
        }

        /** Whether to save only when the monitored value improves (default false: every epoch). */
        public Builder saveBestOnly(boolean value) {
            this.saveBestOnly = value;
            return this;
        }

        /** Direction (default inferred from the key). */
        public Builder mode(MonitorMode value) {
            this.mode = value;
            return this;
        }

        /** Validates and builds. */
        public ModelCheckpoint build() {
            if (path == null || path.toString().isEmpty()) {
                throw new IllegalArgumentException("ModelCheckpoint path must not be empty");
            }
            return new ModelCheckpoint(this);
        }
    }
}
