package io.github.convscope.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Pillow's PNG checksum rules beside the corpus cases (which load damaged files as Pillow does). */
class PngChunksTest {
    private static final Path NAME = Path.of("x.png");

    @Test
    void aBadChecksumBeforeTheImageDataIsRefusedAsPillowRefusesIt() {
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33); // signature + IHDR
        ImageFileReadTest.chunk(out, "tEXt", "Comment\0hi".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] withText = out.toByteArray();
        withText[withText.length - 1] ^= 1; // the tEXt checksum
        byte[] damaged = Arrays.copyOf(withText, withText.length + png.length - 33);
        System.arraycopy(png, 33, damaged, withText.length, png.length - 33);
        ImageLoadException e = assertThrows(ImageLoadException.class,
                () -> ImageLoader.builder().build().load(damaged, NAME));
        assertTrue(e.getMessage().contains("broken PNG file (bad header checksum in tEXt)"), e.getMessage());
    }

    @Test
    void anIntactFileIsPassedOnUncopied() {
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png");
        assertSame(png, PngChunks.forLibpng(png, NAME));
    }

    @Test
    void aMissingEndChunkIsAddedAfterTheLastCompleteChunk() {
        byte[] png = ImageLoaderGoldenTest.resource("rgb_37x23.png");
        byte[] cut = Arrays.copyOf(png, png.length - 12 - 3); // IEND gone, and 3 bytes of the chunk before it
        byte[] repaired = PngChunks.forLibpng(cut, NAME);
        assertArrayEquals(png, repaired); // the same checksum recomputed, the same IEND
        assertArrayEquals(ImageLoader.builder().build().loadBytes(png, NAME).data(),
                ImageLoader.builder().build().loadBytes(cut, NAME).data());
    }
}
