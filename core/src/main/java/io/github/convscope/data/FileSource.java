package io.github.convscope.data;

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

    @Override
    public FloatImage load(int index) {
        if (cache != null) {
            // a thread's buffer is reused: the pipeline copies the image into the batch before loading the next one
            float[] buffer = scratch.get();
            if (cache.read(index, buffer)) {
                return new FloatImage(shape[0], shape[1], shape[2], buffer);
            }
        }
        Path path = paths.get(index);
        FloatImage image;
        try {
            image = loader.load(path);
        } catch (ImageLoadException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageLoadException(path, "cannot be loaded: " + e, e);
        }
        if (image.height() != shape[0] || image.width() != shape[1] || image.channels() != shape[2]) {
            throw new ImageLoadException(path, "loaded as " + image + ", expected " + shape[0] + "x" + shape[1] + "x"
                    + shape[2]);
        }
        if (cache != null) {
            cache.offer(index, image);
        }
        return image;
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
