package dev.llmux.provider.anthropic.internal;

/**
 * A request llmux cannot express in Anthropic's format (an audio part, a tool call whose arguments are not JSON,
 * a forced tool choice with thinking on). The provider turns it into a 400 naming the parameter.
 */
public final class MappingException extends RuntimeException {

    private final String param;

    public MappingException(String message, String param) {
        super(message);
        this.param = param;
    }

    /** The OpenAI parameter at fault ({@code messages}, {@code tool_choice}, …). */
    public String param() {
        return param;
    }
}
