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

    public static RequestContext start(String endpoint, Caller caller, Instant now) {
        return new RequestContext("req-" + UUID.randomUUID(), endpoint, caller, System.nanoTime(), now);
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
