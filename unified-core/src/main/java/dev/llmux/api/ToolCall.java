package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * A function call made by the assistant. In a streamed delta, {@code index} names the slot and later fragments
 * carry only {@code index} and a piece of {@code arguments}; in a complete message {@code index} is null.
 *
 * @param index slot in the final {@code tool_calls} array (stream deltas only)
 * @param id the call id, echoed back by the tool message
 * @param type always {@code "function"} today
 * @param function name and JSON arguments
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"index", "id", "type", "function"})
public record ToolCall(@Nullable Integer index, @Nullable String id, @Nullable String type, @Nullable FunctionCall function) {

    public static ToolCall function(String id, String name, String arguments) {
        return new ToolCall(null, id, "function", new FunctionCall(name, arguments));
    }

    /** The function name, or null in a delta fragment that carries only arguments. */
    public @Nullable String name() {
        return function == null ? null : function.name();
    }

    /** The JSON arguments string (possibly a fragment in a delta), or null. */
    public @Nullable String arguments() {
        return function == null ? null : function.arguments();
    }

    /**
     * @param name the function name
     * @param arguments the arguments as a JSON string, exactly as the model produced them
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCall(@Nullable String name, @Nullable String arguments) {}
}
