package dev.llmux.gateway.http;

import dev.llmux.gateway.auth.Caller;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

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
        return new RequestContext("req-" + UUID.randomUUID(), endpoint, caller, startNanos, received);
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
