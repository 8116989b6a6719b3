package io.github.convscope.spark;

import org.apache.spark.api.java.function.Function;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.dataset.DataSet;

/** {@link InputLayout} as a Spark function over an RDD of NHWC batches. */
final class NetworkBatches implements Function<DataSet, DataSet> {
    private static final long serialVersionUID = 1L;

    private final CNN2DFormat format;

    NetworkBatches(CNN2DFormat format) {
        this.format = format;
    }

    @Override
    public DataSet call(DataSet batch) {
        return InputLayout.convert(batch, format);
    }
}
