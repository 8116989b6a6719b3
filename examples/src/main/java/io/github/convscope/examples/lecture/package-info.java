/**
 * The lecture's steps, each a small class: {@link io.github.convscope.examples.lecture.TheData},
 * {@link io.github.convscope.examples.lecture.FiveTrainingImages},
 * {@link io.github.convscope.examples.lecture.TheBaselineModel},
 * {@link io.github.convscope.examples.lecture.Augmentation},
 * {@link io.github.convscope.examples.lecture.DropoutAndAugmentation},
 * {@link io.github.convscope.examples.lecture.LookingInside} and
 * {@link io.github.convscope.examples.lecture.RunSettings}. The {@code Lecture} program runs them in order on one
 * {@link io.github.convscope.examples.lecture.LectureRun}; the guide quotes their code and the benchmarks reuse their
 * models and generators. A new step is one class implementing
 * {@link io.github.convscope.examples.lecture.LectureStep} and one line in {@code Lecture.STEPS}.
 */
package io.github.convscope.examples.lecture;
