package io.github.convscope.examples.bench;

import io.github.convscope.backend.NativeAcceleration;
import io.github.convscope.examples.lecture.TheBaselineModel;
import io.github.convscope.model.Sequential;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where one training step of the lecture's model goes, layer by layer: forward and backward time of each DL4J layer
 * (its input pre-processor, such as Flatten, counted with it) and the optimizer's update of all parameters, at batch
 * 128 on random NHWC data, plus the whole {@code fit} step for comparison. The PyTorch peer is
 * {@code torch_training_profile.py}.
 *
 * <p>Layers are driven one by one without DL4J's workspaces, so the per-layer sum can differ a little from the
 * whole step, which runs with them. Options: {@code --steps N} (timed steps, default 5), {@code --batch N}.
 */
public final class TrainingProfile {
    private TrainingProfile() {
    }

    /** Prints the profile; see the class comment for the options. */
    public static void main(String[] args) {
        int steps = 5;
        int batch = 128;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + ": use --steps, --batch");
            }
        }
        Sequential model = TheBaselineModel.baseline(150, 1);   // the lecture's own model
        MultiLayerNetwork net = model.network();
        System.out.printf(Locale.ROOT, "ConvScope %s, native convolutions %d, batch %d, %d timed steps%n",
                model.dataFormat(), NativeAcceleration.nativeLayersInUse(net), batch, steps);
        Nd4j.getRandom().setSeed(123);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 150, 150, 3);
        INDArray y = Nd4j.rand(DataType.FLOAT, batch, 1).gt(0.5).castTo(DataType.FLOAT);
        net.fit(new DataSet(model.toNetworkInput(x), y));   // warm-up; sets up the gradient views the layers fill
        Layer[] layers = net.getLayers();
        Map<String, double[]> times = new LinkedHashMap<>();   // name -> {forward ms, backward ms}
        for (Layer l : layers) {
            times.put(l.conf().getLayer().getLayerName() + " (" + l.getClass().getSimpleName() + ")", new double[2]);
        }
        List<String> names = new ArrayList<>(times.keySet());
        double update = 0;
        double fit = 0;
        for (int s = -1; s < steps; s++) {   // step -1 is the warm-up
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            INDArray a = model.toNetworkInput(x);
            for (int i = 0; i < layers.length; i++) {
                long t0 = System.nanoTime();
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pp != null) {
                    a = pp.preProcess(a, batch, mgr);
                }
                if (i == layers.length - 1) {
                    ((IOutputLayer) layers[i]).setLabels(y);
                }
                a = layers[i].activate(a, true, mgr);
                add(times, names.get(i), 0, t0, s);
            }
            long t0 = System.nanoTime();
            ((IOutputLayer) layers[layers.length - 1]).computeScore(0, true, mgr);
            Pair<Gradient, INDArray> p = layers[layers.length - 1].backpropGradient(null, mgr);
            add(times, names.get(layers.length - 1), 1, t0, s);
            INDArray eps = p.getSecond();
            for (int i = layers.length - 2; i >= 0; i--) {
                t0 = System.nanoTime();
                InputPreProcessor pp = net.getLayerWiseConfigurations().getInputPreProcess(i + 1);
                if (pp != null) {
                    eps = pp.backprop(eps, batch, mgr);
                }
                eps = layers[i].backpropGradient(eps, mgr).getSecond();
                add(times, names.get(i), 1, t0, s);
            }
            // the optimizer's step over all parameters, as DL4J's StochasticGradientDescent does it
            net.setInput(model.toNetworkInput(x));
            net.setLabels(y);
            net.computeGradientAndScore();
            Gradient g = net.gradient();
            t0 = System.nanoTime();
            net.getUpdater().update(net, g, net.getIterationCount(), net.getEpochCount(), batch, mgr);
            net.params().subi(g.gradient());
            if (s >= 0) {
                update += (System.nanoTime() - t0) / 1e6;
            }
            t0 = System.nanoTime();
            net.fit(new DataSet(model.toNetworkInput(x), y));
            if (s >= 0) {
                fit += (System.nanoTime() - t0) / 1e6;
            }
        }
        double fwd = 0;
        double bwd = 0;
        System.out.printf(Locale.ROOT, "%-44s %10s %10s%n", "layer", "fwd ms", "bwd ms");
        for (Map.Entry<String, double[]> e : times.entrySet()) {
            System.out.printf(Locale.ROOT, "%-44s %10.1f %10.1f%n", e.getKey(), e.getValue()[0] / steps,
                    e.getValue()[1] / steps);
            fwd += e.getValue()[0] / steps;
            bwd += e.getValue()[1] / steps;
        }
        System.out.printf(Locale.ROOT, "%-44s %10.1f %10.1f%n", "sum of layers", fwd, bwd);
        System.out.printf(Locale.ROOT, "%-44s %10.1f%n", "optimizer update (Adam, all parameters)", update / steps);
        System.out.printf(Locale.ROOT, "%-44s %10.1f  (%.1f img/s)%n", "whole fit step", fit / steps,
                batch / (fit / steps / 1000));
    }

    private static void add(Map<String, double[]> times, String name, int column, long t0, int step) {
        if (step >= 0) {
            times.get(name)[column] += (System.nanoTime() - t0) / 1e6;
        }
    }
}
