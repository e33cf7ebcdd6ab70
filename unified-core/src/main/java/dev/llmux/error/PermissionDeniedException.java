package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 403: the key may not use this model or feature. */
public class PermissionDeniedException extends LlmuxException {

    public PermissionDeniedException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public PermissionDeniedException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public String openAiType() {
        return "permission_error";
    }

    @Override
    public PermissionDeniedException withDetails(ErrorDetails details) {
        return new PermissionDeniedException(getMessage(), details, getCause());
    }
}
