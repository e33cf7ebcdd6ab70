package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 400: the prompt plus the requested output do not fit the model's context window (never retried; a context-window fallback may help). */
public class ContextWindowExceededException extends BadRequestException {

    public ContextWindowExceededException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public ContextWindowExceededException(String message, ErrorDetails details, @Nullable Throwable cause) {
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
    public ContextWindowExceededException withDetails(ErrorDetails details) {
        return new ContextWindowExceededException(getMessage(), details, getCause());
    }
}
