package io.github.convscope.spark;

import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** An NHWC iterator seen in the layout of the network's input, for DL4J code that feeds the raw network. */
final class NetworkLayoutIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final DataSetIterator source;
    private final CNN2DFormat format;

    NetworkLayoutIterator(DataSetIterator source, CNN2DFormat format) {
        this.source = source;
        this.format = format;
    }

    @Override
    public DataSet next(int num) {
        return InputLayout.convert(source.next(num), format);
    }

    @Override
    public DataSet next() {
        return InputLayout.convert(source.next(), format);
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
        return source.asyncSupported();
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
