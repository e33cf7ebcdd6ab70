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
     * A time-ordered (version 7) UUID: 48 bits of Unix milliseconds, then random bits from the thread's own
     * generator. Request ids are the spend log's primary key, so ids that grow with time are appended at the end of
     * its index instead of landing on a random page of it (which, written thousands of times a second, was most of
     * the cost of a spend log row); and {@link UUID#randomUUID()} draws from one shared {@code SecureRandom}. They
     * need to be unique, not unguessable.
     */
    static UUID randomUuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (r.nextInt() & 0x0FFF); // version 7
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(msb, lsb);
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
