package io.github.convscope.model;

import io.github.convscope.data.EpochSized;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** A resettable iterator over fixed batches, in order (deterministic). */
final class BatchListIterator implements DataSetIterator, EpochSized {
    private final List<DataSet> batches;
    private final List<String> labels;
    private int cursor;

    BatchListIterator(List<DataSet> batches, List<String> labels) {
        this.batches = List.copyOf(batches);
        this.labels = labels;
    }

    @Override
    public DataSet next(int num) {
        return next();
    }

    @Override
    public int inputColumns() {
        return -1;
    }

    @Override
    public int totalOutcomes() {
        return (int) batches.get(0).getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        cursor = 0;
    }

    @Override
    public int batch() {
        return (int) batches.get(0).getFeatures().size(0);
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("no pre-processor");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return labels;
    }

    @Override
    public boolean hasNext() {
        return cursor < batches.size();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return batches.get(cursor++);
    }

    @Override
    public int batchesPerEpoch() {
        return batches.size();
    }
}
