package dev.llmux.router.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.llmux.router.ResponseCache;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/** {@link ResponseCache} in process memory: Caffeine, bounded by size, each entry expiring after its own ttl. */
public final class CaffeineResponseCache implements ResponseCache {

    private record Stored(Entry entry, long ttlNanos) {}

    private final Cache<String, Stored> cache;

    public CaffeineResponseCache(long maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // the router's clock drives expiry, so tests with a fake clock see entries expire
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<String, Stored>() {
                    @Override
                    public long expireAfterCreate(String key, Stored value, long currentTime) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Stored value, long currentTime, long currentDuration) {
                        return value.ttlNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Stored value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    @Override
    public Mono<Entry> get(String key) {
        return Mono.fromSupplier(() -> {
            Stored s = cache.getIfPresent(key);
            return s == null ? null : s.entry();
        });
    }

    @Override
    public Mono<Void> put(String key, Entry entry, Duration ttl) {
        return Mono.fromRunnable(() -> cache.put(key, new Stored(entry, ttl.toNanos())));
    }
}
