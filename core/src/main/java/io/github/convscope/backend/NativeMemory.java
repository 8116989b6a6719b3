package io.github.convscope.backend;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Frees ND4J arrays' native memory at once. ND4J otherwise frees it only when the garbage collector reclaims an
 * array's small Java object, so arrays made per batch pile up until JavaCPP's memory limit forces a collection.
 * Only for arrays the caller made and nobody else holds.
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
}
