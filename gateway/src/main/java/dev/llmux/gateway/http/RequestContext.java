package dev.llmux.gateway.http;

import dev.llmux.gateway.auth.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One request as the gateway sees it.
 *
 * @param requestId sent back as {@code x-llmux-request-id} and used as the spend log's id
 * @param endpoint {@code chat}, {@code embeddings} or {@code messages}
 * @param startNanos {@link System#nanoTime()} when the handler started, for latency and overhead
 * @param startTime wall-clock start for the spend log
 */
public record RequestContext(String requestId, String endpoint, Caller caller, long startNanos, Instant startTime) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(startTime, "startTime");
    }

    /** A context for a request that arrived at {@code received} ({@code startNanos} on {@link System#nanoTime()}). */
    public static RequestContext start(String endpoint, Caller caller, Instant received, long startNanos) {
        return new RequestContext("req-" + randomUuid(), endpoint, caller, startNanos, received);
    }

    /**
     * A random (version 4) UUID from the thread's own generator: request ids need to be unique, not unguessable, and
     * {@link UUID#randomUUID()} draws from one shared {@code SecureRandom} on every request.
     */
    static UUID randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb);
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
