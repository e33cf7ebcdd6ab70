package dev.llmux.gateway.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request's row in the spend log, failed requests included.
 *
 * @param requestId the gateway's request id (also sent as {@code x-llmux-request-id})
 * @param callType {@code chat}, {@code embeddings} or {@code messages}
 * @param keyHash SHA-256 of the virtual key, or null for the master key and open mode
 * @param modelGroup the model name the client asked for
 * @param deployment the router deployment that answered, or null
 * @param provider the provider that answered, or null when none did
 * @param model the provider's model name, or null
 * @param cachedTokens cache-read prompt tokens (a subset of the prompt)
 * @param cacheWriteTokens cache-write prompt tokens (a subset of the prompt)
 * @param spend USD cost, zero when unknown or failed
 * @param status HTTP status sent to the client
 * @param errorType OpenAI error type of a failure, or null
 */
public record SpendLog(
        String requestId,
        String callType,
        @Nullable String keyHash,
        @Nullable String teamId,
        @Nullable String userId,
        @Nullable String modelGroup,
        @Nullable String deployment,
        @Nullable String provider,
        @Nullable String model,
        int promptTokens,
        int completionTokens,
        int cachedTokens,
        int cacheWriteTokens,
        BigDecimal spend,
        Instant startTime,
        Instant endTime,
        int status,
        @Nullable String errorType,
        boolean stream) {

    public SpendLog {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(callType, "callType");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public long latencyMs() {
        return endTime.toEpochMilli() - startTime.toEpochMilli();
    }
}
