package io.github.convscope.examples.lecture;

import java.io.IOException;
import java.util.Objects;

/**
 * One step of the lecture: a section of the report under {@code title}, and the code that prints, computes and draws
 * it, e.g. {@code new LectureStep("1. The data", TheData::run)}.
 *
 * @param title the section heading, printed and in the report
 * @param body what the step does
 */
public record LectureStep(String title, Body body) {
    /** Checks that nothing is null. */
    public LectureStep {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
    }

    /** Runs the step's body on {@code run}. */
    public void run(LectureRun run) throws IOException {
        body.run(run);
    }

    /** What a step does. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs the step: prints to {@link LectureRun#out()}, writes its pictures to {@link LectureRun#file(String)},
         * adds to {@link LectureRun#report()}, and leaves on the run what later steps use (the models it trained).
         *
         * @throws IOException when reading the data or writing a picture fails
         */
        void run(LectureRun run) throws IOException;
    }
}
