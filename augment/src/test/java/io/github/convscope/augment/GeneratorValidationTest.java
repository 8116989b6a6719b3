package io.github.convscope.augment;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad builder values are refused at {@code build()} with a message naming the parameter; defaults are Keras's. */
class GeneratorValidationTest {

    private static void refused(String parameter, Supplier<ImageDataGenerator.Builder> builder) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.get().build());
        assertTrue(e.getMessage().startsWith(parameter), e.getMessage());
    }

    @Test
    void negativeRangesAreRefused() {
        refused("rotationRange", () -> ImageDataGenerator.builder().rotationRange(-10));
        refused("shearRange", () -> ImageDataGenerator.builder().shearRange(-1));
        refused("channelShiftRange", () -> ImageDataGenerator.builder().channelShiftRange(-0.5));
        refused("widthShiftRange", () -> ImageDataGenerator.builder().widthShiftRange(-0.1));
        refused("heightShiftRange", () -> ImageDataGenerator.builder().heightShiftRange(-3));
        refused("zcaEpsilon", () -> ImageDataGenerator.builder().zcaEpsilon(-1e-6));
        refused("rotationRange", () -> ImageDataGenerator.builder().rotationRange(Double.NaN));
    }

    @Test
    void zoomRangeNeedsAPositiveLowEnd() {
        refused("zoomRange", () -> ImageDataGenerator.builder().zoomRange(1.0));
        refused("zoomRange", () -> ImageDataGenerator.builder().zoomRange(-0.2));
        refused("zoomRange", () -> ImageDataGenerator.builder().zoomRange(0.0, 1.5));
        refused("zoomRange", () -> ImageDataGenerator.builder().zoomRange(1.5, 1.2));
        refused("zoomRange", () -> ImageDataGenerator.builder().zoomRange(0.5, 1.0, 1.5));
        GeneratorSettings s = ImageDataGenerator.builder().zoomRange(0.25).build().settings();
        assertEquals(0.75, s.zoomLow());
        assertEquals(1.25, s.zoomHigh());
    }

    @Test
    void brightnessRangeMustBeTwoOrderedNumbers() {
        refused("brightnessRange", () -> ImageDataGenerator.builder().brightnessRange(0.5));
        refused("brightnessRange", () -> ImageDataGenerator.builder().brightnessRange(0.5, 1.0, 1.5));
        refused("brightnessRange", () -> ImageDataGenerator.builder().brightnessRange(1.5, 0.5));
        refused("brightnessRange", () -> ImageDataGenerator.builder().brightnessRange(-0.5, 0.5));
        assertEquals(List.of(0.5, 1.5),
                ImageDataGenerator.builder().brightnessRange(0.5, 1.5).build().settings().brightnessRange());
    }

    @Test
    void unknownFillModeSplitAndOrderAreRefused() {
        refused("fillMode", () -> ImageDataGenerator.builder().fillMode("mirror"));
        refused("fillMode", () -> ImageDataGenerator.builder().fillMode((String) null));
        refused("validationSplit", () -> ImageDataGenerator.builder().validationSplit(1.0));
        refused("validationSplit", () -> ImageDataGenerator.builder().validationSplit(-0.1));
        refused("interpolationOrder", () -> ImageDataGenerator.builder().interpolationOrder(3));
        refused("interpolationOrder", () -> ImageDataGenerator.builder().interpolationOrder(-1));
        assertEquals(FillMode.WRAP, ImageDataGenerator.builder().fillMode("wrap").build().settings().fillMode());
    }

    @Test
    void defaultsAreKeras() {
        GeneratorSettings s = ImageDataGenerator.builder().build().settings();
        assertEquals(FillMode.NEAREST, s.fillMode());
        assertEquals(1, s.interpolationOrder());
        assertEquals(1e-6, s.zcaEpsilon());
        assertEquals(1.0, s.zoomLow());
        assertEquals(1.0, s.zoomHigh());
        assertEquals(0.0, s.rescale());
        assertEquals(0.0, s.validationSplit());
        assertFalse(s.widthShiftRange().isActive());
        assertEquals(null, s.brightnessRange());
        assertFalse(s.featurewiseCenter() || s.samplewiseCenter() || s.zcaWhitening() || s.horizontalFlip());
    }

    @Test
    void impliedSettingsFollowKeras() {
        GeneratorSettings samplewise = ImageDataGenerator.builder().samplewiseStdNormalization(true).build().settings();
        assertTrue(samplewise.samplewiseCenter());
        GeneratorSettings zca = ImageDataGenerator.builder().zcaWhitening(true).featurewiseStdNormalization(true)
                .build().settings();
        assertTrue(zca.featurewiseCenter());
        assertFalse(zca.featurewiseStdNormalization());
    }

    @Test
    void settingsAreAValueWhoseConstructorValidatesAndAppliesKerasImpliedSettings() {
        GeneratorSettings built = ImageDataGenerator.builder().rotationRange(45).zoomRange(0.5).brightnessRange(0.5, 1.5)
                .build().settings();
        assertEquals(built, ImageDataGenerator.builder().rotationRange(45).zoomRange(0.5).brightnessRange(0.5, 1.5)
                .build().settings());
        assertNotEquals(built, ImageDataGenerator.builder().rotationRange(44).build().settings());
        GeneratorSettings direct = new GeneratorSettings(false, false, true, false, false, 1e-6, 0, null, null, null,
                0, 1, 1, 0, FillMode.NEAREST, 0, false, false, 0, null, 0, 1);
        assertTrue(direct.featurewiseCenter(), "featurewiseStdNormalization implies featurewiseCenter");
        assertEquals(ShiftRange.none(), direct.widthShiftRange());
        assertEquals(direct, new GeneratorSettings(direct.featurewiseCenter(), false, true, false, false, 1e-6, 0,
                ShiftRange.none(), ShiftRange.none(), null, 0, 1, 1, 0, FillMode.NEAREST, 0, false, false, 0, null, 0,
                1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GeneratorSettings(false,
                false, false, false, false, 1e-6, 0, null, null, null, 0, 0.0, 1, 0, FillMode.NEAREST, 0, false, false,
                0, null, 0, 1));
        assertEquals("zoomRange must be [lo, hi] with 0 < lo <= hi, got [0.0, 1.0]", e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> built.brightnessRange().set(0, 9.0));
        assertEquals(built, ImageDataGenerator.of(built).settings());
        assertThrows(IllegalArgumentException.class, () -> ImageDataGenerator.of(null));
    }

    @Test
    void transformParametersAreAFiniteValue() {
        TransformParameters p = TransformParameters.builder().theta(17).tx(2.5).brightness(0.8).build();
        assertEquals(p, new TransformParameters(17, 2.5, 0, 0, 1, 1, false, false, null, OptionalDouble.of(0.8)));
        assertEquals(OptionalDouble.empty(), p.channelShiftIntensity());
        assertEquals(p, p.withChannelShiftIntensity(3.0).withChannelShiftIntensity(null));
        assertTrue(TransformParameters.neutral().isAffineNeutral());
        assertFalse(p.isAffineNeutral());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.withBrightness(Double.NaN));
        assertEquals("brightness must be finite, got NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.withZoom(1, Double.POSITIVE_INFINITY));
    }

    @Test
    void zcaThatCannotFitInMemoryIsRefusedBeforeAllocating() {
        ImageDataGenerator generator = ImageDataGenerator.builder().zcaWhitening(true).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> generator.fit(Nd4j.create(DataType.FLOAT, 2, 150, 150, 3)));
        assertTrue(e.getMessage().contains("67500 x 67500") && e.getMessage().contains("17.0 GiB"), e.getMessage());
    }

    @Test
    void fitNeedsRankFour() {
        ImageDataGenerator generator = ImageDataGenerator.builder().featurewiseCenter(true).build();
        assertThrows(IllegalArgumentException.class, () -> generator.fit(Nd4j.create(DataType.FLOAT, 4, 5, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> generator.fit(Nd4j.create(DataType.FLOAT, 1, 4, 5, 3), false, 0, null));
    }

    @Test
    void shiftRangeValuesAreChecked() {
        assertThrows(IllegalArgumentException.class, ShiftRange::choices);
        assertThrows(IllegalArgumentException.class, () -> ShiftRange.fraction(Double.POSITIVE_INFINITY));
        assertEquals(ShiftRange.none(), ShiftRange.pixels(0));
        assertEquals(ShiftRange.choices(1, 2), ShiftRange.choices(1, 2));
    }
}
