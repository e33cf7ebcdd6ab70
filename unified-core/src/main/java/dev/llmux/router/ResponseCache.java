package dev.llmux.router;

import dev.llmux.api.ChatResponse;
import dev.llmux.router.internal.CaffeineResponseCache;
import java.time.Clock;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Storage for the router's exact-match response cache. Keys are SHA-256 hex digests of the model group and the
 * request's canonical JSON (every field except {@code stream}, {@code stream_options} and {@code cache}); only
 * non-streaming chat answers are cached. Implementations must not block.
 *
 * <p>Per-request controls travel in the request body as LiteLLM's {@code cache} object (an extra field, removed
 * before the provider sees the request): {@code {"cache": {"no-cache": true}}} skips the lookup,
 * {@code "no-store": true} skips storing, {@code "ttl": 60} stores for 60 seconds, {@code "s-maxage": 30} accepts
 * only entries stored at most 30 seconds ago.
 */
public interface ResponseCache {

    /** An in-process cache (Caffeine) of at most {@code maxEntries} answers, expiring by {@code clock}. */
    static ResponseCache inMemory(long maxEntries, Clock clock) {
        return new CaffeineResponseCache(maxEntries, clock);
    }

    /** The entry under {@code key}, or empty. */
    Mono<Entry> get(String key);

    /** Stores {@code response} under {@code key} for {@code ttl}. */
    Mono<Void> put(String key, Entry entry, Duration ttl);

    /**
     * A cached answer.
     *
     * @param response the answer, its {@link dev.llmux.api.CallInfo} included when the store keeps it
     * @param storedAtMillis when it was stored (epoch millis, from the router's clock)
     */
    record Entry(ChatResponse response, long storedAtMillis) {}
}
