/**
 * How well a classifier does on labelled data: the {@link io.github.convscope.evaluation.ConfusionMatrix} and the
 * per-class {@link io.github.convscope.evaluation.ClassificationReport} in scikit-learn's
 * {@code classification_report} layout.
 *
 * <p>Plain immutable values over integer labels and probability rows; this package depends on nothing else in
 * ConvScope, so the model, the explain package and the pictures can all build on it.
 */
package io.github.convscope.evaluation;
