package io.github.convscope.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The named float32 arrays of a fixture written by a generator script: "name d0,d1,... v v v ..." per line. */
final class ReferenceArrays {
    private final Map<String, INDArray> arrays = new HashMap<>();

    ReferenceArrays(String resource) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                ReferenceArrays.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                String[] dims = f[1].split(",");
                long[] shape = new long[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = Long.parseLong(dims[i]);
                }
                float[] v = new float[f.length - 2];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.parseFloat(f[i + 2]);
                }
                arrays.put(f[0], Nd4j.create(v, shape, 'c'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    INDArray get(String name) {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("fixture has no array " + name);
        }
        return a;
    }

    int[] ints(String name) {
        return get(name).toIntVector();
    }
}
