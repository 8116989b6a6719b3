package io.github.convscope.data;

import io.github.convscope.image.ByteImage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded, resized images kept as bytes under a memory budget, so that epochs after the first skip decoding.
 *
 * <p>Loaded pixels are integers 0..255, kept as the loader's bytes (a quarter of the float size). Images are kept
 * first come, first kept, until the budget is used: for data read in a new order every epoch that keeps a fixed share
 * of hits, where evicting would not.
 * Thread-safe.
 */
final class DecodedImageCache {
    /** Approximate bookkeeping per entry besides the pixel bytes (array header, map node, boxed key). */
    private static final long ENTRY_OVERHEAD = 80;

    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentHashMap<Integer, byte[]> entries = new ConcurrentHashMap<>();

    DecodedImageCache(long budget) {
        this.budget = budget;
    }

    /** Copies the cached pixels of {@code index} into {@code target} (HWC) and returns true, or returns false. */
    boolean read(int index, float[] target) {
        byte[] pixels = entries.get(index);
        if (pixels == null) {
            return false;
        }
        for (int i = 0; i < pixels.length; i++) {
            target[i] = pixels[i] & 0xff;
        }
        return true;
    }

    /**
     * Keeps the pixels of {@code image} for {@code index} if they fit the remaining budget; the array itself is
     * kept, so the caller must not change it afterwards.
     */
    void offer(int index, ByteImage image) {
        keep(index, image.data());
    }

    private void keep(int index, byte[] pixels) {
        long cost = pixels.length + ENTRY_OVERHEAD;
        if (entries.containsKey(index)) {
            return;
        }
        long now;
        do {
            now = used.get();
            if (now + cost > budget) {
                return;
            }
        } while (!used.compareAndSet(now, now + cost));
        if (entries.putIfAbsent(index, pixels) != null) {
            used.addAndGet(-cost);
        }
    }

    /** Bytes in use. */
    long usedBytes() {
        return used.get();
    }

    /** Number of images held. */
    int size() {
        return entries.size();
    }
}
