package io.github.convscope.model;

import java.util.Map;

/** Recreates layer specs from the settings a saved model keeps (see {@link LayerSpec#settings()}). */
final class LayerSpecs {
    private LayerSpecs() {
    }

    static LayerSpec fromSettings(Map<String, String> s) {
        String type = s.get("type");
        if (type == null) {
            throw new IllegalArgumentException("layer settings without a type: " + s);
        }
        switch (type) {
            case "Conv2D": {
                int[] k = pair(s.get("kernel"));
                int[] st = pair(s.get("strides"));
                return Conv2D.of(Integer.parseInt(s.get("filters")), k[0], k[1]).strides(st[0], st[1])
                        .padding(Padding.valueOf(s.get("padding"))).activation(Activation.valueOf(s.get("activation")))
                        .useBias(Boolean.parseBoolean(s.get("useBias")));
            }
            case "MaxPooling2D": {
                int[] p = pair(s.get("pool"));
                int[] st = pair(s.get("strides"));
                return MaxPooling2D.of(p[0], p[1]).strides(st[0], st[1]).padding(Padding.valueOf(s.get("padding")));
            }
            case "AveragePooling2D": {
                int[] p = pair(s.get("pool"));
                int[] st = pair(s.get("strides"));
                return AveragePooling2D.of(p[0], p[1]).strides(st[0], st[1])
                        .padding(Padding.valueOf(s.get("padding")));
            }
            case "Dropout":
                return Dropout.of(Double.parseDouble(s.get("rate")));
            case "Flatten":
                return Flatten.of();
            case "Dense":
                return Dense.of(Integer.parseInt(s.get("units"))).activation(Activation.valueOf(s.get("activation")))
                        .useBias(Boolean.parseBoolean(s.get("useBias")));
            case "BatchNormalization":
                return BatchNormalization.of().momentum(Double.parseDouble(s.get("momentum")))
                        .epsilon(Double.parseDouble(s.get("epsilon")));
            case "GlobalAveragePooling2D":
                return GlobalAveragePooling2D.of();
            default:
                throw new IllegalArgumentException("unknown layer type '" + type + "'");
        }
    }

    private static int[] pair(String v) {
        String[] parts = v.split(",");
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
    }
}
