package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/**
 * 429. Two different failures share the status: a rate limit ("slow down", retryable after
 * {@link #retryAfter()}) and an exhausted quota or billing limit ({@link #isQuotaExhausted()}), which waiting
 * will not fix and which is never retried.
 */
public class RateLimitException extends LlmuxException {

    private final boolean quotaExhausted;

    public RateLimitException(String message, ErrorDetails details, boolean quotaExhausted) {
        this(message, details, quotaExhausted, null);
    }

    public RateLimitException(String message, ErrorDetails details, boolean quotaExhausted, @Nullable Throwable cause) {
        super(message, details, cause);
        this.quotaExhausted = quotaExhausted;
    }

    /** True for OpenAI's {@code insufficient_quota} and similar: no retry will succeed. */
    public boolean isQuotaExhausted() {
        return quotaExhausted;
    }

    @Override
    public boolean isRetryable() {
        return !quotaExhausted;
    }

    @Override
    public String openAiType() {
        return quotaExhausted ? "insufficient_quota" : "rate_limit_error";
    }

    @Override
    public RateLimitException withDetails(ErrorDetails details) {
        return new RateLimitException(getMessage(), details, quotaExhausted, getCause());
    }
}
