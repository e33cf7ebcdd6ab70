package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 408: no answer in time (connect, first byte, stream idle, or the call's total deadline). */
public class RequestTimeoutException extends LlmuxException {

    public RequestTimeoutException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public RequestTimeoutException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    public String openAiType() {
        return "timeout_error";
    }

    @Override
    public RequestTimeoutException withDetails(ErrorDetails details) {
        return new RequestTimeoutException(getMessage(), details, getCause());
    }
}
