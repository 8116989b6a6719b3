package io.github.convscope.spark;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Converts an NHWC batch into the layout of the network's input (what {@code Sequential.toNetworkInput} does).
 * Touches no Spark class, so that {@link ParallelFit} runs without Spark on the class path.
 */
final class InputLayout {
    private InputLayout() {
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
