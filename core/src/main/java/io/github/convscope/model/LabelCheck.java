package io.github.convscope.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Refuses, before training, labels that do not fit the loss and the last layer, saying what to change. */
final class LabelCheck {
    private LabelCheck() {
    }

    static void check(Loss loss, int units, INDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("the iterator gives no labels (class mode NONE?); fit needs labels");
        }
        if (labels.rank() != 2) {
            throw new IllegalArgumentException("labels must be [batch, k], got shape "
                    + java.util.Arrays.toString(labels.shape()) + " (class mode INPUT cannot train a classifier)");
        }
        long width = labels.size(1);
        double min = labels.minNumber().doubleValue();
        double max = labels.maxNumber().doubleValue();
        switch (loss) {
            case BINARY_CROSSENTROPY:
                binary(units, width, min, max);
                break;
            case CATEGORICAL_CROSSENTROPY:
                categorical(units, width);
                break;
            case SPARSE_CATEGORICAL_CROSSENTROPY:
                sparse(units, width, min, max);
                break;
            default:
                if (width != units) {
                    throw new IllegalArgumentException("labels have " + width + " columns but the last Dense has "
                            + units + " units: make them match");
                }
                break;
        }
    }

    private static void binary(int units, long width, double min, double max) {
        if (width != units) {
            throw new IllegalArgumentException(width == 1
                    ? "labels have 1 column (class mode BINARY or SPARSE) but the last Dense has " + units
                            + " sigmoid units: end with Dense.of(1).activation(Activation.SIGMOID), or use "
                            + "classMode(CATEGORICAL) with Dense.of(" + units + ").activation(SOFTMAX) and "
                            + "Loss.CATEGORICAL_CROSSENTROPY"
                    : "labels have " + width + " columns (one-hot, class mode CATEGORICAL) but the last Dense "
                            + "has " + units + " sigmoid unit(s) with binary_crossentropy: use "
                            + "classMode(ClassMode.BINARY) on the iterator, or end with Dense.of(" + width
                            + ").activation(Activation.SOFTMAX) and Loss.CATEGORICAL_CROSSENTROPY");
        }
        if (min < 0 || max > 1) {
            throw new IllegalArgumentException("binary_crossentropy needs labels in [0, 1], got values in ["
                    + min + ", " + max + "]: use classMode(ClassMode.BINARY) (two classes) or "
                    + "Loss.SPARSE_CATEGORICAL_CROSSENTROPY with a softmax layer for class indices");
        }
    }

    private static void categorical(int units, long width) {
        if (width != units) {
            throw new IllegalArgumentException(width == 1
                    ? "labels have 1 column (class mode BINARY or SPARSE) but categorical_crossentropy needs "
                            + "one-hot labels of " + units + " columns: use classMode(ClassMode.CATEGORICAL), "
                            + "or Loss.SPARSE_CATEGORICAL_CROSSENTROPY for class-index labels"
                    : "labels have " + width + " columns but the last Dense has " + units + " units: use "
                            + "Dense.of(" + width + ") (one unit per class)");
        }
    }

    private static void sparse(int units, long width, double min, double max) {
        if (width != 1) {
            throw new IllegalArgumentException("sparse_categorical_crossentropy needs one class index per "
                    + "sample, but labels have " + width + " columns (one-hot, class mode CATEGORICAL): use "
                    + "classMode(ClassMode.SPARSE), or Loss.CATEGORICAL_CROSSENTROPY");
        }
        if (min < 0 || max >= units) {
            throw new IllegalArgumentException("class indices must be in [0, " + units + ") for a last Dense of "
                    + units + " units, got values in [" + min + ", " + max + "]: use Dense.of(classes)");
        }
    }
}
