package dev.llmux.provider.anthropic.internal;

import dev.llmux.api.Tool;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.json.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI tools and {@code tool_choice} as Anthropic's, plus the tools llmux adds itself. Pure. */
final class ToolMapper {

    static final String WEB_SEARCH_TOOL = "web_search_20250305";
    static final String CODE_EXECUTION_TOOL = "code_execution_20250522";

    private ToolMapper() {}

    static ObjectNode tool(Tool tool, ClaudeModel claude) {
        if (!"function".equals(tool.type())) {
            throw new MappingException("anthropic takes function tools, got type " + tool.type(), "tools");
        }
        Tool.Function f = tool.function();
        ObjectNode t = Json.object().put("name", f.name());
        if (f.description() != null) {
            t.put("description", f.description());
        }
        t.set("input_schema", f.parameters() == null
                ? Json.object().put("type", "object").set("properties", Json.object())
                : Json.embed(f.parameters())); // the schema passes through: written as is, no tree
        if (Boolean.TRUE.equals(f.strict()) && claude.supportsNativeStructuredOutput()) {
            t.put("strict", true);
        }
        if (tool.cacheControl() != null) {
            t.set("cache_control", Json.valueToTree(tool.cacheControl()));
        }
        return t;
    }


    /**
     * OpenAI's {@code web_search_options} as Anthropic's hosted web search tool, as LiteLLM maps it:
     * {@code search_context_size} low/medium/high → {@code max_uses} 1/5/10, {@code user_location.approximate}
     * flattened into an {@code approximate} location.
     */
    static ObjectNode webSearchTool(JsonNode options) {
        ObjectNode tool = Json.object().put("type", WEB_SEARCH_TOOL).put("name", "web_search");
        String size = Json.text(options, "search_context_size");
        if (size != null) {
            tool.put("max_uses", switch (size) {
                case "low" -> 1;
                case "medium" -> 5;
                case "high" -> 10;
                default -> throw new MappingException("web_search_options.search_context_size must be low, medium or high, was " + size,
                        "web_search_options");
            });
        }
        JsonNode approximate = options.path("user_location").path("approximate");
        if (approximate.isObject()) {
            ObjectNode location = tool.putObject("user_location").put("type", "approximate");
            for (String key : List.of("city", "region", "country", "timezone")) {
                if (approximate.hasNonNull(key)) {
                    location.set(key, approximate.get(key));
                }
            }
        }
        return tool;
    }


    static boolean hasBlock(ArrayNode messages, String type) {
        for (JsonNode m : messages) {
            for (JsonNode block : m.path("content")) {
                if (type.equals(Json.text(block, "type"))) {
                    return true;
                }
            }
        }
        return false;
    }


    static boolean hasToolType(ArrayNode tools, String prefix) {
        for (JsonNode t : tools) {
            String type = Json.text(t, "type");
            if (type != null && type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }


    static ObjectNode jsonTool(@Nullable Map<String, Object> schema) {
        ObjectNode inputSchema = Json.object().put("type", "object");
        if (schema == null) {
            // Anthropic rejects a tool whose schema has no properties object; accept any object instead
            inputSchema.set("properties", Json.object());
            inputSchema.put("additionalProperties", true);
        } else {
            inputSchema.setAll((ObjectNode) Json.valueToTree(schema));
        }
        return Json.object().put("name", RequestMapper.JSON_TOOL).set("input_schema", inputSchema);
    }


    static @Nullable ObjectNode toolChoice(@Nullable ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        return switch (choice.mode()) {
            case "auto" -> Json.object().put("type", "auto");
            case "none" -> Json.object().put("type", "none");
            case "required" -> Json.object().put("type", "any");
            case "function" -> Json.object().put("type", "tool").put("name", choice.functionName());
            default -> {
                if (choice.other() == null) {
                    throw new MappingException("anthropic does not know tool_choice " + choice.mode(), "tool_choice");
                }
                // an Anthropic-native choice object ({"type":"any"}, …) goes through as written
                yield (ObjectNode) Json.valueToTree(choice.other());
            }
        };
    }


    /** {@code parallel_tool_calls:false} is Anthropic's inverse flag, on the given choice or on {@code auto}. */
    static @Nullable ObjectNode withParallel(@Nullable ObjectNode choice, @Nullable Boolean parallel, @Nullable ToolChoice original) {
        if (parallel == null || original != null && original.isNone()) {
            return choice;
        }
        if (choice == null) {
            return parallel ? null : Json.object().put("type", "auto").put("disable_parallel_tool_use", true);
        }
        return choice.put("disable_parallel_tool_use", !parallel);
    }
}
