package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 503: the provider is down or overloaded (Anthropic's 529 overloaded_error maps here). */
public class ServiceUnavailableException extends LlmuxException {

    public ServiceUnavailableException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public ServiceUnavailableException(String message, ErrorDetails details, @Nullable Throwable cause) {
        super(message, details, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    public String openAiType() {
        return "service_unavailable_error";
    }

    @Override
    public ServiceUnavailableException withDetails(ErrorDetails details) {
        return new ServiceUnavailableException(getMessage(), details, getCause());
    }
}
