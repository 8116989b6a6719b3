/**
 * The lecture's steps, each a small class: {@link io.github.convscope.examples.lecture.TheData},
 * {@link io.github.convscope.examples.lecture.FiveTrainingImages},
 * {@link io.github.convscope.examples.lecture.TheBaselineModel},
 * {@link io.github.convscope.examples.lecture.Augmentation},
 * {@link io.github.convscope.examples.lecture.DropoutAndAugmentation},
 * {@link io.github.convscope.examples.lecture.LookingInside} and
 * {@link io.github.convscope.examples.lecture.RunSettings}, each with a static {@code run(LectureRun)} and the
 * small methods the guide quotes. The {@code Lecture} program lists them as
 * {@link io.github.convscope.examples.lecture.LectureStep}s and runs them in order on one
 * {@link io.github.convscope.examples.lecture.LectureRun}; the benchmarks reuse their models and generators. A new
 * step is one class with a {@code run(LectureRun)} method and one line in {@code Lecture.STEPS}.
 */
package io.github.convscope.examples.lecture;
