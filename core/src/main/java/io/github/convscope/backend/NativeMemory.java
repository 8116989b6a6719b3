package io.github.convscope.backend;

import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frees ND4J arrays' native memory at once. ND4J otherwise frees it only when the garbage collector reclaims an
 * array's small Java object, so arrays made per batch pile up until JavaCPP's memory limit forces a collection.
 * Only for arrays the caller made and nobody else holds. Likewise DL4J keeps a network's training workspace (every
 * layer's activations at the largest batch seen) on the thread that trained it until it is destroyed.
 */
public final class NativeMemory {
    private NativeMemory() {
    }

    /**
     * Frees {@code array}'s memory if it may be freed: not null, not already freed, and neither a view nor an array
     * in a workspace (ND4J's {@code closeable()}).
     *
     * @param array an array the caller owns, or null
     */
    public static void free(INDArray array) {
        if (array != null && !array.wasClosed() && array.closeable()) {
            array.close();
        }
    }

    /**
     * The workspaces DL4J 1.0.0-M2.1's {@code MultiLayerNetwork} uses in training only (ids from its protected
     * constants): every layer's activations kept for the backward pass, and the recurrent loop's memory. Inference
     * uses the others ({@code WS_LAYER_ACT_1/2}, {@code WS_LAYER_WORKING_MEM}, {@code WS_OUTPUT_MEM}); DL4J re-learns a
     * destroyed workspace's size over its next two passes (about a second each for the lecture's model), so those
     * are kept for the next prediction.
     */
    private static final Set<String> TRAINING_WORKSPACES = Set.of("WS_ALL_LAYERS_ACT", "WS_RNN_LOOP_WORKING_MEM");

    /** Every workspace DL4J 1.0.0-M2.1's {@code MultiLayerNetwork} uses, in training and in inference. */
    private static final Set<String> NETWORK_WORKSPACES = Set.of("WS_ALL_LAYERS_ACT", "WS_RNN_LOOP_WORKING_MEM",
            "WS_LAYER_ACT_1", "WS_LAYER_ACT_2", "WS_LAYER_WORKING_MEM", "WS_OUTPUT_MEM");

    /**
     * Destroys the calling thread's DL4J training workspaces that are not open, returning their memory (436 MB for the
     * lecture's model at batch 128): for a program done training on this thread. The next training pass creates them
     * again, re-learning their size over two steps (about a second for the lecture's model), which is why
     * {@code fit} does not call this itself. Other workspaces (a caller's own, DL4J's inference ones) stay.
     *
     * @return how many workspaces were destroyed
     */
    public static int releaseTrainingWorkspaces() {
        return release(TRAINING_WORKSPACES);
    }

    /**
     * Destroys every DL4J network workspace of the calling thread that is not open, training and inference ones
     * (727 MB for the lecture's models at batch 128): for a program done with batch training and prediction on this
     * thread, such as one that goes on to explain its models image by image. DL4J creates them again, re-learning
     * their size, if {@code fit}, {@code predict} or {@code evaluate} runs later. A caller's own workspaces stay.
     *
     * @return how many workspaces were destroyed
     */
    public static int releaseWorkspaces() {
        return release(NETWORK_WORKSPACES);
    }

    private static int release(Set<String> ids) {
        int n = 0;
        for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            if (ids.contains(ws.getId()) && !ws.isScopeActive()) {
                Nd4j.getWorkspaceManager().destroyWorkspace(ws);
                n++;
            }
        }
        return n;
    }
}
