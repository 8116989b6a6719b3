package io.github.convscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The sealed layer family: every permitted layer rebuilds itself from its settings, in the exact text a saved model
 * holds; Keras's default names; value equality; pooling keeps its kind through the fluent calls.
 */
class LayerSpecTest {

    /** One configured instance of each layer, with settings away from the defaults where a layer has any. */
    private static final List<LayerSpec> ONE_OF_EACH = List.of(
            Conv2D.of(8, 3, 5).strides(2, 1).padding(Padding.SAME).activation(Activation.RELU).useBias(false),
            MaxPooling2D.of(3, 2).strides(1, 2).padding(Padding.SAME),
            AveragePooling2D.of(2).strides(1),
            Dropout.of(0.25),
            Flatten.of(),
            Dense.of(7).activation(Activation.SOFTMAX).useBias(false),
            BatchNormalization.of().momentum(0.9).epsilon(1e-5),
            GlobalAveragePooling2D.of());

    /** The concrete classes a sealed type permits, following sealed intermediate types. */
    private static List<Class<?>> concreteLayers(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> c : type.getPermittedSubclasses()) {
            if (c.isSealed()) {
                out.addAll(concreteLayers(c));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyPermittedLayerCanBeRebuiltAndIsTested() {
        TreeSet<String> permitted = new TreeSet<>();
        concreteLayers(LayerSpec.class).forEach(c -> permitted.add(c.getSimpleName()));
        assertEquals(permitted, new TreeSet<>(LayerSettings.types()));
        TreeSet<String> tested = new TreeSet<>();
        ONE_OF_EACH.forEach(l -> tested.add(l.kerasType()));
        assertEquals(permitted, tested);
    }

    @Test
    void settingsRoundTripToAnEqualLayer() {
        for (LayerSpec layer : ONE_OF_EACH) {
            LayerSpec back = LayerSpec.fromSettings(layer.settings());
            assertEquals(layer, back, layer.toString());
            assertEquals(layer.getClass(), back.getClass());
            assertEquals(layer.settings(), back.settings());
        }
    }

    @Test
    void settingsTextIsTheSavedFormat() {
        // the exact strings archives written before the sealed family hold, so those archives keep loading
        assertEquals("Conv2D{type=Conv2D, filters=8, kernel=3,5, strides=2,1, padding=SAME, activation=RELU, "
                + "useBias=false}", ONE_OF_EACH.get(0).toString());
        assertEquals("MaxPooling2D{type=MaxPooling2D, pool=3,2, strides=1,2, padding=SAME}",
                ONE_OF_EACH.get(1).toString());
        assertEquals("AveragePooling2D{type=AveragePooling2D, pool=2,2, strides=1,1, padding=VALID}",
                ONE_OF_EACH.get(2).toString());
        assertEquals("Dropout{type=Dropout, rate=0.25}", ONE_OF_EACH.get(3).toString());
        assertEquals("Flatten{type=Flatten}", ONE_OF_EACH.get(4).toString());
        assertEquals("Dense{type=Dense, units=7, activation=SOFTMAX, useBias=false}", ONE_OF_EACH.get(5).toString());
        assertEquals("BatchNormalization{type=BatchNormalization, momentum=0.9, epsilon=1.0E-5}",
                ONE_OF_EACH.get(6).toString());
        assertEquals("GlobalAveragePooling2D{type=GlobalAveragePooling2D}", ONE_OF_EACH.get(7).toString());
    }

    @Test
    void kerasDefaultNamesFollowToSnakeCase() {
        Map<String, String> expected = Map.of("Conv2D", "conv2d", "MaxPooling2D", "max_pooling2d",
                "AveragePooling2D", "average_pooling2d", "Dropout", "dropout", "Flatten", "flatten", "Dense", "dense",
                "BatchNormalization", "batch_normalization", "GlobalAveragePooling2D", "global_average_pooling2d");
        for (LayerSpec layer : ONE_OF_EACH) {
            assertEquals(expected.get(layer.kerasType()), LayerRules.namePrefix(layer.kerasType()));
        }
    }

    @Test
    void poolingKeepsItsKindAndValueSemantics() {
        MaxPooling2D max = MaxPooling2D.of(3).strides(2).padding(Padding.SAME);
        assertEquals(3, max.poolHeight());
        assertEquals(2, max.strideWidth());
        assertEquals(Padding.SAME, max.padding());
        assertEquals(MaxPooling2D.of(3).strides(2, 2).padding(Padding.SAME), max);
        assertNotEquals(AveragePooling2D.of(3).strides(2).padding(Padding.SAME), max);
        assertEquals(MaxPooling2D.of(2, 2), MaxPooling2D.of());
        assertEquals(Flatten.of(), LayerSpec.fromSettings(Flatten.of().settings()));
    }

    @Test
    void damagedSettingsNameTheProblem() {
        Map<String, String> s = new LinkedHashMap<>(ONE_OF_EACH.get(0).settings());
        s.remove("filters");
        assertMessage(s, "Conv2D setting 'filters' is missing");
        s = new LinkedHashMap<>(ONE_OF_EACH.get(5).settings());
        s.put("useBias", "maybe");
        assertMessage(s, "Dense setting 'useBias' = 'maybe'");
        s = new LinkedHashMap<>(ONE_OF_EACH.get(1).settings());
        s.put("pool", "3");
        assertMessage(s, "MaxPooling2D setting 'pool' = '3'");
        assertMessage(Map.of("type", "Conv3D"), "unknown layer type 'Conv3D'");
        assertMessage(Map.of("units", "3"), "without a type");
        s = new LinkedHashMap<>(ONE_OF_EACH.get(3).settings());
        s.put("rate", "1.0");
        assertMessage(s, "[0, 1)");
    }

    private static void assertMessage(Map<String, String> settings, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerSpec.fromSettings(settings));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
