package io.github.convscope.spark;

import io.github.convscope.model.Loss;
import io.github.convscope.model.Metric;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Keras's {@code evaluate} over distributed batches: the network's parameters are broadcast, each partition sums
 * the compiled loss and metrics over its batches (ConvScope's {@link Loss} and {@link Metric}, as
 * {@code Sequential.evaluate}), and the driver divides by the number of samples.
 */
final class DistributedEvaluation {
    private DistributedEvaluation() {
    }

    static Map<String, Double> evaluate(JavaSparkContext sc, MultiLayerNetwork network, Loss loss,
            List<Metric> metrics, JavaRDD<DataSet> networkBatches) {
        Broadcast<String> conf = sc.broadcast(network.getLayerWiseConfigurations().toJson());
        Broadcast<INDArray> params = sc.broadcast(network.params().dup());
        try {
            double[] sums = networkBatches.mapPartitions(new PartitionSums(conf, params, loss, List.copyOf(metrics)))
                    .reduce(DistributedEvaluation::add);
            if (sums[sums.length - 1] == 0) {
                throw new IllegalStateException("the evaluation data gave no samples");
            }
            double n = sums[sums.length - 1];
            Map<String, Double> result = new LinkedHashMap<>();
            result.put("loss", sums[0] / n);
            for (int m = 0; m < metrics.size(); m++) {
                result.put(metrics.get(m).kerasName(), sums[m + 1] / n);
            }
            return result;
        } finally {
            conf.destroy();
            params.destroy();
        }
    }

    private static double[] add(double[] a, double[] b) {
        double[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /** Loss sum, metric sums and sample count of one partition. */
    private static final class PartitionSums implements FlatMapFunction<Iterator<DataSet>, double[]> {
        private static final long serialVersionUID = 1L;

        private final Broadcast<String> conf;
        private final Broadcast<INDArray> params;
        private final Loss loss;
        private final List<Metric> metrics;

        PartitionSums(Broadcast<String> conf, Broadcast<INDArray> params, Loss loss, List<Metric> metrics) {
            this.conf = conf;
            this.params = params;
            this.loss = loss;
            this.metrics = metrics;
        }

        @Override
        public Iterator<double[]> call(Iterator<DataSet> batches) {
            double[] sums = new double[metrics.size() + 2];
            if (batches.hasNext()) {
                MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.value()));
                net.init(params.value(), true);
                while (batches.hasNext()) {
                    DataSet batch = batches.next();
                    INDArray predictions = net.output(batch.getFeatures(), false);
                    INDArray labels = batch.getLabels();
                    sums[0] += loss.sumOverBatch(labels, predictions);
                    for (int m = 0; m < metrics.size(); m++) {
                        sums[m + 1] += metrics.get(m).sumOverBatch(loss, labels, predictions);
                    }
                    sums[sums.length - 1] += predictions.size(0);
                }
            }
            List<double[]> out = new ArrayList<>(1);
            out.add(sums);
            return out.iterator();
        }
    }
}
