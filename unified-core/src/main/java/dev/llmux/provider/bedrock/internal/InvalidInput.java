package dev.llmux.provider.bedrock.internal;

import org.jspecify.annotations.Nullable;

/** Input Bedrock cannot accept; the provider reports it as a 400 naming {@link #param()}. */
public final class InvalidInput extends RuntimeException {

    private final @Nullable String param;

    InvalidInput(String message, @Nullable String param) {
        super(message);
        this.param = param;
    }

    /** The offending OpenAI parameter ({@code messages}, {@code reasoning_effort}, …), or null. */
    public @Nullable String param() {
        return param;
    }
}
