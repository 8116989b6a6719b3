package io.github.convscope.data;

import io.github.convscope.image.ByteImage;
import io.github.convscope.image.FloatImage;
import io.github.convscope.image.ImageLoadException;
import io.github.convscope.image.ImageLoader;
import java.nio.file.Path;
import java.util.List;

/** Samples that are image files, loaded by an {@link ImageLoader}, optionally through a {@link DecodedImageCache}. */
final class FileSource implements SampleSource {
    private final List<Path> paths;
    private final ImageLoader loader;
    private final int[] shape;
    private final DecodedImageCache cache;
    private final ThreadLocal<float[]> scratch;

    FileSource(List<Path> paths, ImageLoader loader, DecodedImageCache cache) {
        this.paths = paths;
        this.loader = loader;
        this.shape = new int[] {loader.targetHeight(), loader.targetWidth(), loader.colorMode().channels()};
        this.cache = cache;
        int size = shape[0] * shape[1] * shape[2];
        this.scratch = ThreadLocal.withInitial(() -> new float[size]);
    }

    @Override
    public int size() {
        return paths.size();
    }

    @Override
    public int[] imageShape() {
        return shape.clone();
    }

    /**
     * Loads sample {@code index} into this thread's buffer: the pipeline copies the image into the batch before the
     * same thread loads the next one, so the buffer is reused rather than allocated per image.
     */
    @Override
    public FloatImage load(int index) {
        float[] buffer = scratch.get();
        if (cache != null && cache.read(index, buffer)) {
            return new FloatImage(shape[0], shape[1], shape[2], buffer);
        }
        Path path = paths.get(index);
        byte[] kept = cache == null ? null : cache.encoded(index);
        byte[] encoded = kept;
        ByteImage image;
        try {
            if (encoded == null) {
                encoded = loader.readFile(path);
            }
            image = loader.loadBytes(encoded, path);
        } catch (ImageLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageLoadException(path, "cannot be loaded: " + e, e);
        }
        if (image.height() != shape[0] || image.width() != shape[1] || image.channels() != shape[2]) {
            throw new ImageLoadException(path, "loaded as " + image + ", expected " + shape[0] + "x" + shape[1] + "x"
                    + shape[2]);
        }
        image.copyTo(buffer, 0);
        if (cache != null && kept == null) {
            if (loader.enlarges(encoded)) {
                cache.offerEncoded(index, encoded);   // a few kilobytes, decoded again on each read
            } else {
                cache.offer(index, image);   // the loader's fresh array is kept as it is
            }
        }
        return new FloatImage(shape[0], shape[1], shape[2], buffer);
    }

    @Override
    public String describe(int index) {
        return paths.get(index).toString();
    }

    /** The cache, or null when caching is off. */
    DecodedImageCache cache() {
        return cache;
    }
}
