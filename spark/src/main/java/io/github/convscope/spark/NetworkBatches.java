package io.github.convscope.spark;

import org.apache.spark.api.java.function.Function;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Converts an NHWC batch into the layout of the network's input (what {@code Sequential.toNetworkInput} does). */
final class NetworkBatches implements Function<DataSet, DataSet> {
    private static final long serialVersionUID = 1L;

    private final CNN2DFormat format;

    NetworkBatches(CNN2DFormat format) {
        this.format = format;
    }

    @Override
    public DataSet call(DataSet batch) {
        return convert(batch, format);
    }

    static DataSet convert(DataSet batch, CNN2DFormat format) {
        INDArray x = batch.getFeatures().castTo(DataType.FLOAT);
        if (format == CNN2DFormat.NCHW) {
            x = x.permute(0, 3, 1, 2).dup('c');
        }
        INDArray y = batch.getLabels() == null ? null : batch.getLabels().castTo(DataType.FLOAT);
        DataSet out = new DataSet(x, y);
        out.setExampleMetaData(batch.getExampleMetaData());
        return out;
    }
}
