package io.github.convscope.augment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the golden fixtures made by {@code golden/make_golden.py} (keras_preprocessing 1.1.0) from the classpath. */
final class Golden {
    private Golden() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture golden/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw little-endian float32 file. */
    static float[] floats(String name) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    /** The non-comment lines of a text fixture, split on spaces. */
    static List<String[]> lines(String name) {
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(bytes(name), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(line.trim().split(" "));
            }
        }
        return rows;
    }

    /** A Python repr() float or "None". */
    static Double parse(String value) {
        return value.equals("None") ? null : Double.parseDouble(value);
    }
}
