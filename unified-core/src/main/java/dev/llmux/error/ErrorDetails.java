package dev.llmux.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about a failed call, shared by every {@link LlmuxException}.
 *
 * @param provider the provider id ({@code openai}, {@code anthropic}, …), or {@code llmux} for local errors
 * @param model the model asked for, or null
 * @param status the HTTP status the provider (or llmux) gave
 * @param errorType the provider's error type ({@code invalid_request_error}, {@code ThrottlingException}, …)
 * @param errorCode the provider's error code ({@code context_length_exceeded}, …)
 * @param param the offending request parameter, when the provider names one
 * @param retryAfter how long the provider asked us to wait, from {@code retry-after-ms}, {@code retry-after},
 *     or a body field such as Gemini's {@code RetryInfo.retryDelay}
 * @param headers the response headers (names lower-cased), for rate-limit and request-id headers
 */
public record ErrorDetails(
        String provider,
        @Nullable String model,
        int status,
        @Nullable String errorType,
        @Nullable String errorCode,
        @Nullable String param,
        @Nullable Duration retryAfter,
        Map<String, List<String>> headers) {

    public ErrorDetails {
        Objects.requireNonNull(provider, "provider");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    public static ErrorDetails of(String provider, @Nullable String model, int status) {
        return new ErrorDetails(provider, model, status, null, null, null, null, Map.of());
    }

    /** The first value of a response header (case-insensitive), or null. */
    public @Nullable String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public ErrorDetails withType(@Nullable String type, @Nullable String code, @Nullable String param) {
        return new ErrorDetails(provider, model, status, type, code, param, retryAfter, headers);
    }

    public ErrorDetails withRetryAfter(@Nullable Duration retryAfter) {
        return new ErrorDetails(provider, model, status, errorType, errorCode, param, retryAfter, headers);
    }

    public ErrorDetails withHeaders(Map<String, List<String>> headers) {
        return new ErrorDetails(provider, model, status, errorType, errorCode, param, retryAfter, headers);
    }

    public ErrorDetails withStatus(int status) {
        return new ErrorDetails(provider, model, status, errorType, errorCode, param, retryAfter, headers);
    }

    public ErrorDetails withModel(@Nullable String model) {
        return new ErrorDetails(provider, model, status, errorType, errorCode, param, retryAfter, headers);
    }
}
