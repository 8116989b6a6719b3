package io.github.convscope.backend;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Work on a batch in passes of a bounded size, so that the memory a pass holds (DL4J's workspaces, activations and
 * gradients) does not grow with the batch: {@code Sequential.predict} and the explanations go through here.
 */
public final class BatchPasses {
    private BatchPasses() {
    }

    /** One pass over items {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Pass<T> {
        /**
         * Runs the pass.
         *
         * @param from the first item
         * @param to   one past the last item
         * @return the pass's result
         */
        T run(long from, long to);
    }

    /**
     * Runs {@code pass} over items 0 to {@code n} in consecutive parts of at most {@code perPass}, in order; one pass
     * over all of them (also when there are none) when {@code n <= perPass}.
     *
     * @return each pass's result, in order
     */
    public static <T> List<T> inPasses(long n, long perPass, Pass<T> pass) {
        if (n <= perPass) {
            return List.of(pass.run(0, n));
        }
        List<T> results = new ArrayList<>();
        for (long from = 0; from < n; from += perPass) {
            results.add(pass.run(from, Math.min(n, from + perPass)));
        }
        return results;
    }

    /** Rows {@code from} to {@code to} of {@code batch} along its first axis: the batch itself when that is all of it. */
    public static INDArray rows(INDArray batch, long from, long to) {
        return from == 0 && to == batch.size(0) ? batch : batch.get(NDArrayIndex.interval(from, to));
    }

    /**
     * The parts joined along the first axis, each part freed once copied; the part itself when there is only one.
     * The parts must be the caller's own arrays.
     */
    public static INDArray concat(List<INDArray> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        INDArray joined = Nd4j.concat(0, parts.toArray(new INDArray[0]));
        parts.forEach(NativeMemory::free);
        return joined;
    }
}
