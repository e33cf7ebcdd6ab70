package dev.llmux.error;

import org.jspecify.annotations.Nullable;

/** 400: the request sets parameters the provider cannot take; set drop_params to drop them instead. */
public class UnsupportedParamsException extends BadRequestException {

    public UnsupportedParamsException(String message, ErrorDetails details) {
        this(message, details, null);
    }

    public UnsupportedParamsException(String message, ErrorDetails details, @Nullable Throwable cause) {
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
    public UnsupportedParamsException withDetails(ErrorDetails details) {
        return new UnsupportedParamsException(getMessage(), details, getCause());
    }
}
