package io.github.convscope.backend;

import java.util.Set;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Frees ND4J arrays' native memory at once. ND4J otherwise frees it only when the garbage collector reclaims an
 * array's small Java object, so arrays made per batch pile up until JavaCPP's memory limit forces a collection.
 * Only for arrays the caller made and nobody else holds. Likewise DL4J keeps a network's workspaces (its activations
 * at the largest batch seen, about 800 MB for the lecture's model at batch 128) on the thread that trained it until
 * they are destroyed.
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

    /** The ids DL4J 1.0.0-M2.1's {@code MultiLayerNetwork} gives its workspaces (protected constants there). */
    private static final Set<String> NETWORK_WORKSPACES = Set.of("WS_LAYER_WORKING_MEM", "WS_ALL_LAYERS_ACT",
            "WS_LAYER_ACT_1", "WS_LAYER_ACT_2", "WS_OUTPUT_MEM", "WS_RNN_LOOP_WORKING_MEM");

    /**
     * Destroys the calling thread's DL4J network workspaces that are not open, returning their memory; the next
     * training or inference pass on this thread creates them again. Other workspaces (a caller's own) stay.
     *
     * @return how many workspaces were destroyed
     */
    public static int releaseNetworkWorkspaces() {
        int n = 0;
        for (MemoryWorkspace ws : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            if (NETWORK_WORKSPACES.contains(ws.getId()) && !ws.isScopeActive()) {
                Nd4j.getWorkspaceManager().destroyWorkspace(ws);
                n++;
            }
        }
        return n;
    }
}
