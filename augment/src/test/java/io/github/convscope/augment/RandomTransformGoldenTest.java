package io.github.convscope.augment;

import io.github.convscope.random.NumpyRandom;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code getRandomTransform} against Keras 1.1.0's {@code get_random_transform}, value for value, all range forms. */
class RandomTransformGoldenTest {
    private static final Map<String, ImageDataGenerator.Builder> CONFIGS = Map.ofEntries(
            entry("width_fraction", ImageDataGenerator.builder().widthShiftRange(0.15)),
            entry("height_fraction", ImageDataGenerator.builder().heightShiftRange(0.15)),
            entry("width_pixels_float", ImageDataGenerator.builder().widthShiftRange(3.0)),
            entry("width_int2", ImageDataGenerator.builder().widthShiftRange(2)),
            entry("width_int1", ImageDataGenerator.builder().widthShiftRange(1)),
            entry("height_int5", ImageDataGenerator.builder().heightShiftRange(5)),
            entry("width_list_fraction", ImageDataGenerator.builder().widthShiftRange(ShiftRange.choices(0.1, 0.2))),
            entry("height_list_pixels", ImageDataGenerator.builder().heightShiftRange(ShiftRange.choices(5, 10, 20))),
            entry("rotation", ImageDataGenerator.builder().rotationRange(45)),
            entry("shear", ImageDataGenerator.builder().shearRange(20)),
            entry("zoom_scalar", ImageDataGenerator.builder().zoomRange(0.5)),
            entry("zoom_pair", ImageDataGenerator.builder().zoomRange(0.8, 1.3)),
            entry("flips", ImageDataGenerator.builder().horizontalFlip(true).verticalFlip(true)),
            entry("channel_shift", ImageDataGenerator.builder().channelShiftRange(50.0)),
            entry("brightness", ImageDataGenerator.builder().brightnessRange(0.5, 1.5)),
            entry("lecture", ImageDataGenerator.builder().rescale(1.0 / 255).rotationRange(45).widthShiftRange(.15)
                    .heightShiftRange(.15).horizontalFlip(true).zoomRange(.5)),
            entry("everything", ImageDataGenerator.builder().rotationRange(30)
                    .widthShiftRange(ShiftRange.choices(3, 6)).heightShiftRange(0.1).shearRange(10)
                    .zoomRange(0.9, 1.2).horizontalFlip(true).verticalFlip(true).channelShiftRange(20.0)
                    .brightnessRange(0.7, 1.3)));

    @Test
    void drawsEqualKerasForEverySeedAndRangeForm() {
        List<String[]> rows = Golden.lines("random_transform_cases.txt");
        Set<String> seen = new HashSet<>();
        ImageDataGenerator generator = null;
        String current = null;
        for (String[] row : rows) {
            if (!row[0].equals(current)) {
                current = row[0];
                assertNotNull(CONFIGS.get(current), current);
                generator = CONFIGS.get(current).build();
            }
            String[] shape = row[1].split("x");
            int[] imageShape = {Integer.parseInt(shape[0]), Integer.parseInt(shape[1]), Integer.parseInt(shape[2])};
            long seed = Long.parseLong(row[2]);
            boolean first = row[3].equals("0");
            // draw 0 re-seeds; draws 1..3 continue the same stream, as Keras's global NumPy stream does
            TransformParameters p = generator.getRandomTransform(imageShape, first ? seed : null);
            String where = String.join(" ", row[0], row[1], row[2], row[3]);
            assertEquals(Golden.parse(row[4]), p.theta(), where + " theta");
            assertEquals(Golden.parse(row[5]), p.tx(), where + " tx");
            assertEquals(Golden.parse(row[6]), p.ty(), where + " ty");
            assertEquals(Golden.parse(row[7]), p.shear(), where + " shear");
            assertEquals(Golden.parse(row[8]), p.zx(), where + " zx");
            assertEquals(Golden.parse(row[9]), p.zy(), where + " zy");
            assertEquals(Golden.parse(row[10]) != 0, p.flipHorizontal(), where + " flip_horizontal");
            assertEquals(Golden.parse(row[11]) != 0, p.flipVertical(), where + " flip_vertical");
            assertEquals(Golden.parse(row[12]), p.channelShiftIntensity().isPresent()
                    ? p.channelShiftIntensity().getAsDouble() : null, where + " channel_shift_intensity");
            assertEquals(Golden.parse(row[13]), p.brightness().isPresent()
                    ? p.brightness().getAsDouble() : null, where + " brightness");
            seen.add(current);
        }
        assertEquals(CONFIGS.keySet(), seen);
        assertTrue(rows.size() >= 17 * 2 * 4 * 4);
    }

    @Test
    void intShiftOfOneNeverShiftsAndIntTwoIsZeroHalfTheTime() {
        ImageDataGenerator one = ImageDataGenerator.builder().widthShiftRange(1).build();
        ImageDataGenerator two = ImageDataGenerator.builder().widthShiftRange(2).build();
        NumpyRandom random = new NumpyRandom(5);
        int zeros = 0;
        for (int i = 0; i < 2000; i++) {
            assertEquals(0.0, one.draw(10, 10, 3, random).ty());
            double ty = two.draw(10, 10, 3, random).ty();
            assertTrue(ty == 0 || ty == 1 || ty == -1, "ty " + ty);
            zeros += ty == 0 ? 1 : 0;
        }
        assertTrue(zeros > 900 && zeros < 1100, "zeros " + zeros);
    }

    @Test
    void flipsAreDrawnEvenWhenOffSoTheStreamStaysAligned() {
        ImageDataGenerator off = ImageDataGenerator.builder().channelShiftRange(10).build();
        ImageDataGenerator on = ImageDataGenerator.builder().channelShiftRange(10).horizontalFlip(true).build();
        TransformParameters a = off.getRandomTransform(new int[] {8, 8, 3}, 3L);
        TransformParameters b = on.getRandomTransform(new int[] {8, 8, 3}, 3L);
        assertEquals(a.channelShiftIntensity(), b.channelShiftIntensity());
    }
}
