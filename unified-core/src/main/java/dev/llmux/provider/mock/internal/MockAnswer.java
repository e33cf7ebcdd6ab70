package dev.llmux.provider.mock.internal;

import dev.llmux.api.ToolCall;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What a mock answers, read from a {@code mock_response} value: text, tool calls, or an error to raise. */
public sealed interface MockAnswer {

    String DEFAULT_TEXT = "This is a mock response from llmux.";

    record Text(String text) implements MockAnswer {}

    record ToolCalls(List<ToolCall> calls) implements MockAnswer {
        public ToolCalls {
            calls = List.copyOf(calls);
        }
    }

    record Failure(LlmuxException error) implements MockAnswer {}

    /**
     * Reads a {@code mock_response}: null → the default text; a string naming an error → that error; a string that
     * is a JSON object or array → tool calls; any other string → that text; a map or list (from a parsed request)
     * → tool calls.
     *
     * @throws BadRequestException when a JSON value does not describe tool calls
     */
    static MockAnswer of(@Nullable Object value, String provider, String model) {
        if (value == null) {
            return new Text(DEFAULT_TEXT);
        }
        if (value instanceof String s) {
            var error = MockErrors.byName(s, provider, model);
            if (error.isPresent()) {
                return new Failure(error.get());
            }
            String t = s.strip();
            if (t.startsWith("{") || t.startsWith("[")) {
                try {
                    return new ToolCalls(toolCalls(Json.tree(t), provider, model));
                } catch (JacksonException notJson) {
                    return new Text(s);
                }
            }
            return new Text(s);
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return new ToolCalls(toolCalls(Json.valueToTree(value), provider, model));
        }
        if (value instanceof JsonNode node) {
            return node.isString() ? of(node.asString(), provider, model) : new ToolCalls(toolCalls(node, provider, model));
        }
        return new Text(String.valueOf(value));
    }

    private static List<ToolCall> toolCalls(JsonNode node, String provider, String model) {
        JsonNode list = node.isObject() && node.has("tool_calls") ? node.get("tool_calls") : node;
        List<ToolCall> calls = new ArrayList<>();
        if (list.isArray()) {
            for (JsonNode item : list) {
                calls.add(toolCall(item, calls.size(), provider, model));
            }
        } else {
            calls.add(toolCall(list, 0, provider, model));
        }
        if (calls.isEmpty()) {
            throw invalid("an empty list of tool calls", provider, model);
        }
        return calls;
    }

    /** Accepts OpenAI's shape ({@code {"id","type","function":{"name","arguments"}}}) or a short {@code {"name","arguments"}}. */
    private static ToolCall toolCall(JsonNode item, int index, String provider, String model) {
        JsonNode fn = item.has("function") ? item.get("function") : item;
        String name = Json.text(fn, "name");
        if (!item.isObject() || name == null || name.isBlank()) {
            throw invalid(item.toString(), provider, model);
        }
        JsonNode args = fn.get("arguments");
        String arguments = args == null || args.isNull() ? "{}" : args.isString() ? args.asString() : Json.writeString(args);
        String id = Json.text(item, "id");
        return ToolCall.function(id != null ? id : "call_mock_" + index, name, arguments);
    }

    private static BadRequestException invalid(String what, String provider, String model) {
        return new BadRequestException("mock_response JSON must be a tool call {\"name\":…,\"arguments\":…} or a list of them, got "
                + (what.length() > 200 ? what.substring(0, 200) + "…" : what),
                ErrorDetails.of(provider, model, 400).withType("invalid_request_error", null, "mock_response"));
    }
}
