package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 400: the provider's safety system refused the prompt or blocked the answer. */
public class ContentPolicyViolationException extends BadRequestException {

    public ContentPolicyViolationException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public ContentPolicyViolationException(String message, ErrorDetails details, @Nullable Throwable cause) {
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
    public ContentPolicyViolationException withDetails(ErrorDetails details) {
        return new ContentPolicyViolationException(getMessage(), details, getCause());
    }
}
