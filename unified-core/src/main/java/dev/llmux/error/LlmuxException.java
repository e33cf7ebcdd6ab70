package dev.llmux.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of llmux's errors. Every subclass maps to one OpenAI-style status; {@link #details()} says which
 * provider and model failed and what the provider said. Messages never contain credentials.
 */
public abstract class LlmuxException extends RuntimeException {

    private final ErrorDetails details;

    protected LlmuxException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.details = Objects.requireNonNull(details, "details");
    }

    public ErrorDetails details() {
        return details;
    }

    /** The HTTP status this error maps to (OpenAI's code for this kind of failure). */
    public int status() {
        return details.status();
    }

    public String provider() {
        return details.provider();
    }

    public @Nullable String model() {
        return details.model();
    }

    /** The wait the provider asked for, if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(details.retryAfter());
    }

    /** True when trying the same call again (later, or elsewhere) can succeed. */
    public abstract boolean isRetryable();

    /**
     * OpenAI's error {@code type} string for this kind of failure, as the gateway writes it in error bodies
     * ({@code invalid_request_error}, {@code authentication_error}, {@code rate_limit_error}, …).
     */
    public abstract String openAiType();

    /** The same error for another model (used by the router to name the alias the caller asked for). */
    public abstract LlmuxException withDetails(ErrorDetails details);
}
