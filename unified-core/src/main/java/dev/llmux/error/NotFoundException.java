package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 404: the model (or deployment) does not exist for this key. */
public class NotFoundException extends LlmuxException {

    public NotFoundException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public NotFoundException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public String openAiType() {
        return "not_found_error";
    }

    @Override
    public NotFoundException withDetails(ErrorDetails details) {
        return new NotFoundException(getMessage(), details, getCause());
    }
}
