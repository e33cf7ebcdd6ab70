package dev.llmux.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What llmux learned about a call, carried beside the OpenAI-shaped response (never inside its JSON).
 *
 * @param provider the provider id that answered, for example {@code anthropic}
 * @param model the provider's model name (without the provider prefix)
 * @param deployment the router deployment that answered, or null when no router was involved
 * @param modelGroup the alias the caller asked for, or null
 * @param attempts how many provider calls this answer took, retries and fallbacks included (at least 1)
 * @param latency time from the first attempt to the answer (to the last chunk for a stream)
 * @param timeToFirstToken for streams, time to the first chunk; null otherwise
 * @param cost the USD cost of the answer from the catalog prices and the reported usage; null when unknown
 * @param cacheHit true when the answer came from llmux's response cache
 */
public record CallInfo(
        String provider,
        String model,
        @Nullable String deployment,
        @Nullable String modelGroup,
        int attempts,
        Duration latency,
        @Nullable Duration timeToFirstToken,
        @Nullable BigDecimal cost,
        boolean cacheHit) {

    public CallInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(latency, "latency");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
        }
    }

    public static CallInfo of(String provider, String model, Duration latency) {
        return new CallInfo(provider, model, null, null, 1, latency, null, null, false);
    }

    public CallInfo withRouting(@Nullable String deployment, @Nullable String modelGroup, int attempts) {
        return new CallInfo(provider, model, deployment, modelGroup, attempts, latency, timeToFirstToken, cost, cacheHit);
    }

    public CallInfo withLatency(Duration latency) {
        return new CallInfo(provider, model, deployment, modelGroup, attempts, latency, timeToFirstToken, cost, cacheHit);
    }

    public CallInfo withTimeToFirstToken(@Nullable Duration ttft) {
        return new CallInfo(provider, model, deployment, modelGroup, attempts, latency, ttft, cost, cacheHit);
    }

    public CallInfo withCost(@Nullable BigDecimal cost) {
        return new CallInfo(provider, model, deployment, modelGroup, attempts, latency, timeToFirstToken, cost, cacheHit);
    }

    public CallInfo withCacheHit(boolean cacheHit) {
        return new CallInfo(provider, model, deployment, modelGroup, attempts, latency, timeToFirstToken, cost, cacheHit);
    }
}
