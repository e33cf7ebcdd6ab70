package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 422: the provider understood the request but cannot process it. */
public class UnprocessableEntityException extends LlmuxException {

    public UnprocessableEntityException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public UnprocessableEntityException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public String openAiType() {
        return "invalid_request_error";
    }

    @Override
    public UnprocessableEntityException withDetails(ErrorDetails details) {
        return new UnprocessableEntityException(getMessage(), details, getCause());
    }
}
