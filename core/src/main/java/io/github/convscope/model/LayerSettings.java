package io.github.convscope.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A layer's saved settings ({@link LayerSpec#settings()}): written by each layer with typed {@code put}s, read back
 * with typed getters that name a missing or malformed setting, and turned into the layer by the factory of its type.
 */
final class LayerSettings {
    /** How each layer type is rebuilt; LayerSpecTest checks that every permitted subclass of LayerSpec is here. */
    private static final Map<String, Function<LayerSettings, LayerSpec>> FACTORIES = Map.ofEntries(
            factory(Conv2D.class, Conv2D::fromSettings),
            factory(MaxPooling2D.class, MaxPooling2D::fromSettings),
            factory(AveragePooling2D.class, AveragePooling2D::fromSettings),
            factory(Dropout.class, Dropout::fromSettings),
            factory(Flatten.class, s -> Flatten.of()),
            factory(Dense.class, Dense::fromSettings),
            factory(BatchNormalization.class, BatchNormalization::fromSettings),
            factory(GlobalAveragePooling2D.class, s -> GlobalAveragePooling2D.of()));

    private final Map<String, String> values;

    private LayerSettings(Map<String, String> values) {
        this.values = values;
    }

    /** Settings to be written for {@code layer}, starting with its type. */
    static LayerSettings of(LayerSpec layer) {
        LayerSettings s = new LayerSettings(new LinkedHashMap<>());
        s.values.put("type", layer.kerasType());
        return s;
    }

    /** The layer described by {@code settings}. */
    static LayerSpec rebuild(Map<String, String> settings) {
        String type = settings.get("type");
        if (type == null) {
            throw new IllegalArgumentException("layer settings without a type: " + settings);
        }
        Function<LayerSettings, LayerSpec> factory = FACTORIES.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("unknown layer type '" + type + "'; known: " + FACTORIES.keySet());
        }
        return factory.apply(new LayerSettings(new LinkedHashMap<>(settings)));
    }

    /** The layer types that {@link #rebuild} knows. */
    static java.util.Set<String> types() {
        return FACTORIES.keySet();
    }

    private static <L extends LayerSpec> Map.Entry<String, Function<LayerSettings, LayerSpec>> factory(
            Class<L> type, Function<LayerSettings, L> make) {
        return Map.entry(type.getSimpleName(), make::apply);
    }

    LayerSettings put(String key, Object value) {
        values.put(key, value instanceof Enum<?> e ? e.name() : String.valueOf(value));
        return this;
    }

    /** Writes a (height, width) pair as {@code "h,w"}. */
    LayerSettings pair(String key, int first, int second) {
        return put(key, first + "," + second);
    }

    /** The settings, unmodifiable, in the order they were put. */
    Map<String, String> toMap() {
        return Collections.unmodifiableMap(values);
    }

    int integer(String key) {
        return parse(key, Integer::parseInt);
    }

    double decimal(String key) {
        return parse(key, Double::parseDouble);
    }

    boolean bool(String key) {
        return parse(key, v -> {
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException("not true or false");
            }
            return Boolean.parseBoolean(v);
        });
    }

    /** A {@code "h,w"} pair. */
    int[] pair(String key) {
        return parse(key, v -> {
            String[] parts = v.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not two numbers");
            }
            return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        });
    }

    <E extends Enum<E>> E constant(String key, Class<E> type) {
        return parse(key, v -> Enum.valueOf(type, v));
    }

    private <T> T parse(String key, Function<String, T> parser) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(values.get("type") + " setting '" + key + "' is missing in " + values);
        }
        try {
            return parser.apply(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(values.get("type") + " setting '" + key + "' = '" + v
                    + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
