package io.github.convscope.data;

/**
 * Which part of a {@code validationSplit} an iterator reads, Keras's {@code subset}.
 *
 * <pre>{@code
 * builder.validationSplit(0.2).subset(Subset.VALIDATION);   // the first 20 % of every class
 * }</pre>
 */
public enum Subset {
    /** Everything after the first {@code int(split * n)} samples (of each class, for folders). */
    TRAINING,
    /** The first {@code int(split * n)} samples (of each class, for folders). */
    VALIDATION
}
