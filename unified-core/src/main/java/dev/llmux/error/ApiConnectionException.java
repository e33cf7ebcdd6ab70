package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** The provider could not be reached, or the connection broke (refused, reset, a stream cut before its end). */
public class ApiConnectionException extends LlmuxException {

    public ApiConnectionException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public ApiConnectionException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    public String openAiType() {
        return "api_connection_error";
    }

    @Override
    public ApiConnectionException withDetails(ErrorDetails details) {
        return new ApiConnectionException(getMessage(), details, getCause());
    }
}
