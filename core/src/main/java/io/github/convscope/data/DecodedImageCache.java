package io.github.convscope.data;

import io.github.convscope.image.ByteImage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loaded images kept under a memory budget, so that epochs after the first skip reading and, mostly, decoding.
 *
 * <p>An image is kept in the smaller of two forms: its loaded pixels (integers 0..255, the loader's bytes, a quarter
 * of the float size), or, for an image the loader enlarges (a 28x28 file loaded at 150x150), its encoded file, which
 * is decoded and resized again on each read: that costs less than decoding a full-size image, gives the same pixels,
 * and keeps a few kilobytes instead of the target's tens. Images are kept first come, first kept, until the budget is
 * used: for data read in a new order every epoch that keeps a fixed share of hits, where evicting would not.
 * Thread-safe.
 */
final class DecodedImageCache {
    /** Approximate bookkeeping per entry besides the kept bytes (array header, map node, boxed key, record). */
    private static final long ENTRY_OVERHEAD = 96;

    /** A kept image: its loaded pixels (HWC), or its encoded file ({@code encoded}). */
    private record Entry(byte[] bytes, boolean encoded) {
    }

    private final long budget;
    private final AtomicLong used = new AtomicLong();
    private final ConcurrentHashMap<Integer, Entry> entries = new ConcurrentHashMap<>();

    DecodedImageCache(long budget) {
        this.budget = budget;
    }

    /** The kept encoded file of {@code index}, or null (none kept, or its pixels are). */
    byte[] encoded(int index) {
        Entry entry = entries.get(index);
        return entry != null && entry.encoded() ? entry.bytes() : null;
    }

    /** Copies the kept pixels of {@code index} into {@code target} (HWC) and returns true; false if none are kept. */
    boolean read(int index, float[] target) {
        Entry entry = entries.get(index);
        if (entry == null || entry.encoded()) {
            return false;
        }
        byte[] pixels = entry.bytes();
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
        keep(index, new Entry(image.data(), false));
    }

    /** Keeps the encoded file of {@code index} (not to be changed afterwards) if it fits the remaining budget. */
    void offerEncoded(int index, byte[] encoded) {
        keep(index, new Entry(encoded, true));
    }

    private void keep(int index, Entry entry) {
        long cost = entry.bytes().length + ENTRY_OVERHEAD;
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
        if (entries.putIfAbsent(index, entry) != null) {
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
