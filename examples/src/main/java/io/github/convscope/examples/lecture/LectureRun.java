package io.github.convscope.examples.lecture;

import io.github.convscope.data.DirectoryIterator;
import io.github.convscope.model.FitOptions;
import io.github.convscope.viz.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * One run of the lecture: its settings, where it prints, its output folder and report, the lecture's plain training
 * and validation batches (opened on first use, shared by the steps as the lecture shares {@code train_data_gen} and
 * {@code val_data_gen}), and the models the steps trained. Closing the run closes every iterator it opened, so a step
 * that fails leaves no loader threads behind: use it in a try-with-resources statement.
 */
public final class LectureRun implements AutoCloseable {
    private final LectureSettings settings;
    private final PrintStream out;
    private final OutputFolder folder;
    private final HtmlReport.Builder report;
    private final Instant start;
    private final Deque<DirectoryIterator> opened = new ArrayDeque<>();
    private final List<TrainedModel> trained = new ArrayList<>();
    private DirectoryIterator trainBatches;
    private DirectoryIterator validationBatches;

    /**
     * A run that writes into {@code folder}, prints to {@code out} and reports under {@code title}; {@code start} is
     * when the run began (the report gives the wall time since).
     */
    public LectureRun(LectureSettings settings, PrintStream out, OutputFolder folder, String title, Instant start) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.out = Objects.requireNonNull(out, "out");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.report = HtmlReport.builder(title);
        this.start = Objects.requireNonNull(start, "start");
    }

    /** The settings. */
    public LectureSettings settings() {
        return settings;
    }

    /** Where the run prints what the lecture prints. */
    public PrintStream out() {
        return out;
    }

    /** The report being written. */
    public HtmlReport.Builder report() {
        return report;
    }

    /** When the run began. */
    public Instant start() {
        return start;
    }

    /** The path of an output file of this run, recorded first (see {@link OutputFolder#file(String)}). */
    public Path file(String name) throws IOException {
        return folder.file(name);
    }

    /** Keras-style progress on the run's output (redrawn in place when it is a terminal). */
    public FitOptions progress() {
        return FitOptions.builder().out(out).build();
    }

    /** Starts a section: prints its title and opens it in the report. */
    public void section(String title) {
        out.println();
        out.println("== " + title);
        report.section(title);
    }

    /** The lecture's shuffled, rescaled training batches ({@link TheData#trainingBatches}), opened on first use. */
    public DirectoryIterator trainBatches() {
        if (trainBatches == null) {
            trainBatches = open(TheData.trainingBatches(settings.dataset(), settings.imageSize(),
                    settings.batchSize(), settings.seed()));
        }
        return trainBatches;
    }

    /**
     * Closes the training batches and lets their decoded images go (135 MB for the bundled data at 150x150): for
     * when no later step reads them. {@link #trainBatches()} opens them again if one does.
     */
    public void closeTrainBatches() {
        if (trainBatches != null) {
            opened.remove(trainBatches);
            trainBatches.close();
            trainBatches = null;
        }
    }

    /** The lecture's rescaled validation batches in file order ({@link TheData#validationBatches}). */
    public DirectoryIterator validationBatches() {
        if (validationBatches == null) {
            validationBatches = open(TheData.validationBatches(settings.dataset(), settings.imageSize(),
                    settings.batchSize()));
        }
        return validationBatches;
    }

    /** Keeps a trained model for the later steps. */
    public void keep(TrainedModel model) {
        trained.add(Objects.requireNonNull(model, "model"));
    }

    /** The models trained so far, in order. */
    public List<TrainedModel> trained() {
        return List.copyOf(trained);
    }

    /** The model trained so far under {@code name}; fails naming the ones there are. */
    public TrainedModel trained(String name) {
        return trained.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(
                () -> new NoSuchElementException("no model named '" + name + "' was trained before this step; trained: "
                        + trained.stream().map(TrainedModel::name).toList()));
    }

    /** The last model trained; fails when no step before has trained one. */
    public TrainedModel lastTrained() {
        if (trained.isEmpty()) {
            throw new NoSuchElementException("no model was trained before this step: put a training step first");
        }
        return trained.get(trained.size() - 1);
    }

    /** Writes the report's {@code index.html} into the output folder and returns it. */
    public Path writeReport() throws IOException {
        file(HtmlReport.FILE_NAME);
        return report.build().write(folder.root());
    }

    /** Closes the iterators this run opened, last opened first. */
    @Override
    public void close() {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    private DirectoryIterator open(DirectoryIterator iterator) {
        opened.push(iterator);
        return iterator;
    }
}
