package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 502: the provider answered with something that is not a valid response (including malformed JSON). */
public class BadGatewayException extends LlmuxException {

    public BadGatewayException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public BadGatewayException(String message, ErrorDetails details, @Nullable Throwable cause) {
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
    public BadGatewayException withDetails(ErrorDetails details) {
        return new BadGatewayException(getMessage(), details, getCause());
    }
}
