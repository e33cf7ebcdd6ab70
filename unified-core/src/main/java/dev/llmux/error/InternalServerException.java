package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 500: the provider failed internally. */
public class InternalServerException extends LlmuxException {

    public InternalServerException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public InternalServerException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    public String openAiType() {
        return "api_error";
    }

    @Override
    public InternalServerException withDetails(ErrorDetails details) {
        return new InternalServerException(getMessage(), details, getCause());
    }
}
