package io.github.convscope.data;

import io.github.convscope.image.FloatImage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decoded, resized images kept as bytes under a memory budget, so that epochs after the first skip decoding.
 *
 * <p>Loaded pixels are integers 0..255, so a byte per value holds them exactly (a quarter of the float size). An
 * image that is not all such integers is not cached. Images are kept first come, first kept, until the budget is
 * used: for data read in a new order every epoch that keeps a fixed share of hits, where evicting would not.
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

    /** Keeps {@code image} for {@code index} if it is all integers 0..255 and fits the remaining budget. */
    void offer(int index, FloatImage image) {
        float[] data = image.data();
        long cost = data.length + ENTRY_OVERHEAD;
        if (entries.containsKey(index) || used.get() + cost > budget) {
            return;
        }
        byte[] pixels = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            float v = data[i];
            int b = (int) v;
            if (b != v || b < 0 || b > 255) {
                return;
            }
            pixels[i] = (byte) b;
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
