package dev.llmux.internal.json;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A few reusable objects kept for the whole process, two per core, shared by all threads (virtual ones included):
 * taking one empties its place by compare-and-set, so no two holders share it; giving one back fills an empty
 * place, or drops it when every place is full. A thread starts looking at a place of its own and places lie a cache
 * line apart, so threads on different cores seldom touch the same line. Nothing blocks and nothing is allocated
 * beyond the objects themselves.
 */
final class KeptObjects<T> {

    /** References per place: 16 compressed references (64 bytes) keep two places off one cache line. */
    private static final int SPREAD = 16;

    private final AtomicReferenceArray<T> places;
    private final int count;

    KeptObjects() {
        this(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    KeptObjects(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        this.count = count;
        this.places = new AtomicReferenceArray<>(count * SPREAD);
    }

    /** A kept object, now the caller's alone, or null when none is kept. */
    @Nullable T take() {
        int start = start();
        for (int i = 0; i < count; i++) {
            int at = ((start + i) % count) * SPREAD;
            T kept = places.get(at);
            if (kept != null && places.compareAndSet(at, kept, null)) {
                return kept;
            }
        }
        return null;
    }

    /** Keeps {@code object} for a later {@link #take}, unless every place is full. */
    void give(T object) {
        int start = start();
        for (int i = 0; i < count; i++) {
            int at = ((start + i) % count) * SPREAD;
            if (places.get(at) == null && places.compareAndSet(at, null, object)) {
                return;
            }
        }
    }

    /** How many objects are kept now. */
    int size() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += places.get(i * SPREAD) != null ? 1 : 0;
        }
        return n;
    }

    private int start() {
        return (System.identityHashCode(Thread.currentThread()) & Integer.MAX_VALUE) % count;
    }
}
