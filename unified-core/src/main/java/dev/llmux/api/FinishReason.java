package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * OpenAI's {@code finish_reason}, kept open: a value llmux does not know is carried as is.
 *
 * @param value the wire value, for example {@code "stop"}
 */
public record FinishReason(@JsonValue String value) {

    public static final FinishReason STOP = new FinishReason("stop");
    public static final FinishReason LENGTH = new FinishReason("length");
    public static final FinishReason TOOL_CALLS = new FinishReason("tool_calls");
    public static final FinishReason CONTENT_FILTER = new FinishReason("content_filter");
    public static final FinishReason FUNCTION_CALL = new FinishReason("function_call");

    public FinishReason {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static FinishReason of(String value) {
        return switch (value) {
            case "stop" -> STOP;
            case "length" -> LENGTH;
            case "tool_calls" -> TOOL_CALLS;
            case "content_filter" -> CONTENT_FILTER;
            case "function_call" -> FUNCTION_CALL;
            default -> new FinishReason(value);
        };
    }

    /** True for the values OpenAI documents; false for a value a provider added. */
    public boolean isKnown() {
        return switch (value) {
            case "stop", "length", "tool_calls", "content_filter", "function_call" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return value;
    }
}
