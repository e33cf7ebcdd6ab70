package dev.llmux.internal.provider;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembered results of a pure function of a key that callers send on every call (a URL, a model id). Providers
 * would otherwise parse or derive the same few values per call. Keys come from callers and settings, so at most
 * {@code max} entries are kept: past that, results are computed each time instead of growing the map.
 */
public final class BoundedMemo<K, V> {

    private final int max;
    private final Function<K, V> compute;
    private final ConcurrentHashMap<K, V> known = new ConcurrentHashMap<>();

    /** @param compute pure, never returns null; what it throws reaches the caller and nothing is kept */
    public BoundedMemo(int max, Function<K, V> compute) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        this.max = max;
        this.compute = compute;
    }

    public V get(K key) {
        V value = known.get(key);
        if (value == null) {
            value = compute.apply(key);
            if (known.size() < max) {
                known.put(key, value);
            }
        }
        return value;
    }
}
