package io.github.convscope.examples.lecture;

import io.github.convscope.model.History;
import io.github.convscope.model.Sequential;
import java.util.Objects;

/**
 * A model a step trained, kept on the {@link LectureRun} for the steps after it.
 *
 * @param name the model's name in the report, e.g. {@code "baseline"}
 * @param model the trained model
 * @param history its training history
 */
public record TrainedModel(String name, Sequential model, History history) {
    /** Checks that nothing is null. */
    public TrainedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(history, "history");
    }
}
