package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 400: the request is wrong and will fail the same way again. */
public class BadRequestException extends LlmuxException {

    public BadRequestException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public BadRequestException(String message, ErrorDetails details, @Nullable Throwable cause) {
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
    public BadRequestException withDetails(ErrorDetails details) {
        return new BadRequestException(getMessage(), details, getCause());
    }
}
