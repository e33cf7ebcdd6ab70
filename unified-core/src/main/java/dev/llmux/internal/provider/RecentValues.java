package dev.llmux.internal.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Values kept for the keys asked about lately, in a fixed table of slots chosen by the key's hash: a key that lands
 * on a taken slot replaces what was there. For values a hot path asks for on every call, where even a
 * {@link BoundedMemo}'s map look-up or its key costs too much, and where the keys seen over a process's life are
 * unbounded (names from callers' maps) so the newest must win. Slots are read and written without locks: an entry
 * is immutable, so a thread sees a whole entry or none, and a lost write costs one more making of the value.
 */
public final class RecentValues<K, V> {

    private record Entry<K, V>(K key, V value) {}

    private final Entry<K, V>[] slots;

    /** @param size the number of slots, a power of two */
    @SuppressWarnings("unchecked")
    public RecentValues(int size) {
        if (size < 1 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two, was " + size);
        }
        slots = (Entry<K, V>[]) new Entry<?, ?>[size];
    }

    /** The value kept for {@code key}, or null. */
    public @Nullable V get(K key) {
        Entry<K, V> e = slots[key.hashCode() & (slots.length - 1)];
        return e != null && e.key().equals(key) ? e.value() : null;
    }

    /** Keeps {@code value} for {@code key}, in place of whatever shared its slot. */
    public void put(K key, V value) {
        slots[key.hashCode() & (slots.length - 1)] = new Entry<>(key, Objects.requireNonNull(value, "value"));
    }
}
