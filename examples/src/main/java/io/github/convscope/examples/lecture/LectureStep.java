package io.github.convscope.examples.lecture;

import java.io.IOException;

/** One step of the lecture: a section of the report, and what it prints, computes and draws. */
public interface LectureStep {
    /** The section heading, printed and in the report, e.g. {@code "1. The data"}. */
    String title();

    /**
     * Runs the step: prints to {@link LectureRun#out()}, writes its pictures to {@link LectureRun#file(String)}, adds
     * to {@link LectureRun#report()}, and leaves what later steps use on the run (the models it trained).
     *
     * @throws IOException when reading the data or writing a picture fails
     */
    void run(LectureRun run) throws IOException;
}
