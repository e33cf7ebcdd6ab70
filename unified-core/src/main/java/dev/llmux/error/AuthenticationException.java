package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 401: the key is missing, wrong, or expired. */
public class AuthenticationException extends LlmuxException {

    public AuthenticationException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public AuthenticationException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public String openAiType() {
        return "authentication_error";
    }

    @Override
    public AuthenticationException withDetails(ErrorDetails details) {
        return new AuthenticationException(getMessage(), details, getCause());
    }
}
