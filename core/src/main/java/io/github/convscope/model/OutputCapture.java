package io.github.convscope.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps the predictions of each training step's forward pass (dropout active, weights before the update), which
 * Keras uses for the training loss and metrics, so that fit needs no second forward pass.
 * DL4J's forward pass during fit stops at the input of the output layer, so the output layer is applied here.
 * {@link #attach} adds it to a network's listeners; {@link #close()} gives the network its listeners back.
 */
final class OutputCapture extends BaseTrainingListener implements AutoCloseable {
    private final MultiLayerNetwork network;
    private final List<TrainingListener> previous;
    private INDArray predictions;

    private OutputCapture(MultiLayerNetwork network) {
        this.network = network;
        this.previous = new ArrayList<>(network.getListeners());
    }

    /** A capture listening to {@code network} besides its own listeners, until closed. */
    static OutputCapture attach(MultiLayerNetwork network) {
        OutputCapture capture = new OutputCapture(network);
        List<TrainingListener> listeners = new ArrayList<>(capture.previous);
        listeners.add(capture);
        network.setListeners(listeners);
        return capture;
    }

    /** Restores the network's listeners as they were before {@link #attach}. */
    @Override
    public void close() {
        network.setListeners(previous);
    }

    /** The predictions of the last forward pass, then forgets them; null if none happened. */
    INDArray take() {
        INDArray p = predictions;
        predictions = null;
        return p;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        int outIndex = net.getnLayers() - 1;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (activations.size() == net.getnLayers() + 1) {
                predictions = activations.get(activations.size() - 1).dup();
                return;
            }
            INDArray x = activations.get(outIndex).dup();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(outIndex);
            if (pre != null) {
                x = pre.preProcess(x, (int) x.size(0), LayerWorkspaceMgr.noWorkspaces()).dup();
            }
            Layer out = net.getLayer(outIndex);
            INDArray z = x.mmul(out.getParam("W"));
            INDArray b = out.getParam("b");
            if (b != null) {
                z.addiRowVector(b);
            }
            predictions = ((BaseLayer) out.conf().getLayer()).getActivationFn().getActivation(z, false);
        }
    }
}
