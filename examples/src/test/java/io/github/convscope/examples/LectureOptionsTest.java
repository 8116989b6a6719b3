package io.github.convscope.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lecture program's command line: quick defaults, explicit values winning, bad values refused with a reason. */
class LectureOptionsTest {

    @Test
    void optionsHaveQuickDefaultsThatExplicitValuesOverride() {
        LectureOptions plain = LectureOptions.parse();
        assertEquals(15, plain.epochs());
        assertEquals(150, plain.imageSize());
        LectureOptions quick = LectureOptions.parse("--quick", "--epochs", "2");
        assertEquals(2, quick.epochs());
        assertEquals(48, quick.imageSize());
        assertEquals(LectureOptions.Dataset.CATS_AND_DOGS, LectureOptions.parse("--dataset", "cats-and-dogs").dataset);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LectureOptions.parse("--epochs", "0"));
        assertTrue(e.getMessage().startsWith("--epochs must be between 1 and"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LectureOptions.parse("--colour"));
        assertTrue(e.getMessage().startsWith("unknown option '--colour'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LectureOptions.parse("--image-size", "8"));
        assertThrows(IllegalArgumentException.class, () -> LectureOptions.parse("--dataset", "mnist"));
    }
}
