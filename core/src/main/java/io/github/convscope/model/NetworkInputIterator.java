package io.github.convscope.model;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A view of an NHWC iterator whose batches come in the layout of a {@link Sequential}'s DL4J network
 * ({@link Sequential#dataFormat()}), so that the raw network can consume them: {@code network().evaluate(...)},
 * {@code network().fit(...)}. Labels and masks pass unchanged; reset, preprocessor and labels go to the source.
 */
final class NetworkInputIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final transient Sequential model;
    private final DataSetIterator source;

    NetworkInputIterator(Sequential model, DataSetIterator source) {
        this.model = model;
        this.source = source;
    }

    private DataSet convert(DataSet nhwc) {
        DataSet out = new DataSet(model.toNetworkInput(nhwc.getFeatures()), nhwc.getLabels(),
                nhwc.getFeaturesMaskArray(), nhwc.getLabelsMaskArray());
        out.setLabelNames(nhwc.getLabelNamesList());
        return out;
    }

    @Override
    public DataSet next(int num) {
        return convert(source.next(num));
    }

    @Override
    public DataSet next() {
        return convert(source.next());
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public int inputColumns() {
        return source.inputColumns();
    }

    @Override
    public int totalOutcomes() {
        return source.totalOutcomes();
    }

    @Override
    public boolean resetSupported() {
        return source.resetSupported();
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public void reset() {
        source.reset();
    }

    @Override
    public int batch() {
        return source.batch();
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        source.setPreProcessor(preProcessor);
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return source.getPreProcessor();
    }

    @Override
    public List<String> getLabels() {
        return source.getLabels();
    }
}
