package dev.llmux.gateway.anthropic;

import dev.llmux.api.CacheControl;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Content;
import dev.llmux.api.ContentPart;
import dev.llmux.api.StreamOptions;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.gateway.http.GatewayException;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages requests ({@code POST /v1/messages}) to llmux's OpenAI-shaped {@link ChatRequest}: the system
 * prompt becomes a system message, {@code tool_result} blocks become tool messages (placed before the rest of their
 * user turn), {@code tool_use} blocks become tool calls, thinking blocks travel as thinking blocks.
 */
final class AnthropicRequests {

    private static final Set<String> KNOWN = Set.of("model", "messages", "system", "max_tokens", "tools", "tool_choice",
            "temperature", "top_p", "top_k", "stop_sequences", "stream", "metadata", "thinking", "service_tier");

    private AnthropicRequests() {}

    /** The body as an OpenAI-shaped object, ready for the same checks and binding as {@code /v1/chat/completions}. */
    static ObjectNode toOpenAi(JsonNode body) {
        for (String f : List.of("model", "max_tokens", "messages")) {
            if (!body.has(f) || body.get(f).isNull()) {
                throw GatewayException.badRequest(f + ": Field required", f);
            }
        }
        if (!body.get("max_tokens").isIntegralNumber() || body.get("max_tokens").asLong() < 1) {
            throw GatewayException.badRequest("max_tokens: must be a positive integer", "max_tokens");
        }
        if (!body.get("messages").isArray()) {
            throw GatewayException.badRequest("messages: must be an array", "messages");
        }
        List<ChatMessage> messages = new ArrayList<>();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) {
            messages.add(new ChatMessage.SystemMessage(content(system, "system"), null, null));
        }
        int i = 0;
        for (JsonNode m : body.get("messages")) {
            String path = "messages[" + i++ + "]";
            String role = m.path("role").asString("");
            JsonNode content = m.get("content");
            if (content == null || content.isNull()) {
                throw GatewayException.badRequest(path + ".content: Field required", path + ".content");
            }
            switch (role) {
                case "user" -> user(content, path, messages);
                case "assistant" -> messages.add(assistant(content, path));
                default -> throw GatewayException.badRequest(path + ".role: must be \"user\" or \"assistant\", was \"" + role + "\"",
                        path + ".role");
            }
        }

        ChatRequest.Builder b = ChatRequest.builder().model(body.get("model").asString()).messages(messages)
                .maxTokens(body.get("max_tokens").asInt());
        if (body.has("temperature") && !body.get("temperature").isNull()) {
            b.temperature(number(body, "temperature"));
        }
        if (body.has("top_p") && !body.get("top_p").isNull()) {
            b.topP(number(body, "top_p"));
        }
        if (body.has("top_k") && !body.get("top_k").isNull()) {
            b.extra("top_k", body.get("top_k").asInt());
        }
        if (body.has("thinking") && !body.get("thinking").isNull()) {
            b.extra("thinking", Json.MAPPER.convertValue(body.get("thinking"), Map.class));
        }
        if (body.has("stop_sequences") && body.get("stop_sequences").isArray()) {
            List<String> stop = new ArrayList<>();
            body.get("stop_sequences").forEach(s -> stop.add(s.asString()));
            b.stop(stop);
        }
        JsonNode userId = body.path("metadata").get("user_id");
        if (userId != null && userId.isString()) {
            b.user(userId.asString());
        }
        if (body.path("stream").asBoolean(false)) {
            // the usage chunk is always needed: it becomes the final message_delta's usage
            b.stream(true).streamOptions(StreamOptions.withUsage());
        }
        if (body.has("tools") && body.get("tools").isArray()) {
            List<Tool> tools = new ArrayList<>();
            for (JsonNode t : body.get("tools")) {
                String name = t.path("name").asString(null);
                if (name == null) {
                    throw GatewayException.badRequest("tools: every tool needs a name", "tools");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> schema = t.has("input_schema") ? Json.MAPPER.convertValue(t.get("input_schema"), Map.class)
                        : Map.of("type", "object");
                tools.add(Tool.function(name, t.path("description").asString(null), schema));
            }
            b.tools(tools);
        }
        JsonNode choice = body.get("tool_choice");
        if (choice != null && choice.isObject()) {
            String type = choice.path("type").asString("auto");
            b.toolChoice(switch (type) {
                case "any" -> ToolChoice.REQUIRED;
                case "none" -> ToolChoice.NONE;
                case "tool" -> ToolChoice.function(choice.path("name").asString());
                default -> ToolChoice.AUTO;
            });
            if (choice.has("disable_parallel_tool_use")) {
                b.parallelToolCalls(!choice.get("disable_parallel_tool_use").asBoolean());
            }
        }
        for (String f : body.propertyNames()) {
            if (!KNOWN.contains(f)) {
                throw GatewayException.badRequest(f + ": Extra inputs are not permitted", f);
            }
        }
        return (ObjectNode) Json.valueToTree(b.build());
    }

    private static double number(JsonNode body, String f) {
        if (!body.get(f).isNumber()) {
            throw GatewayException.badRequest(f + ": must be a number", f);
        }
        return body.get(f).asDouble();
    }

    /** A user turn: tool results first (each its own tool message), then the other blocks as one user message. */
    private static void user(JsonNode content, String path, List<ChatMessage> out) {
        if (content.isString()) {
            out.add(ChatMessage.user(content.asString()));
            return;
        }
        List<ContentPart> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode block : array(content, path)) {
            String type = block.path("type").asString("");
            String at = path + ".content[" + i++ + "]";
            switch (type) {
                case "text" -> parts.add(new ContentPart.Text(block.path("text").asString(), cache(block)));
                case "image" -> parts.add(image(block, at));
                case "tool_result" -> {
                    JsonNode c = block.get("content");
                    String text = c == null || c.isNull() ? "" : c.isString() ? c.asString() : content(c, at).text();
                    if (block.path("is_error").asBoolean(false)) {
                        text = "Error: " + text;
                    }
                    out.add(new ChatMessage.ToolMessage(block.path("tool_use_id").asString(), Content.of(text), null, cache(block)));
                }
                default -> throw GatewayException.badRequest(at + ".type: unsupported block type \"" + type + "\" in a user turn", at);
            }
        }
        if (!parts.isEmpty()) {
            out.add(new ChatMessage.UserMessage(Content.of(parts), null, null));
        }
    }

    private static ChatMessage.AssistantMessage assistant(JsonNode content, String path) {
        if (content.isString()) {
            return ChatMessage.assistant(content.asString());
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<ThinkingBlock> thinking = new ArrayList<>();
        int i = 0;
        for (JsonNode block : array(content, path)) {
            String type = block.path("type").asString("");
            String at = path + ".content[" + i++ + "]";
            switch (type) {
                case "text" -> text.append(block.path("text").asString());
                case "tool_use" -> calls.add(ToolCall.function(block.path("id").asString(), block.path("name").asString(),
                        Json.writeString(block.has("input") ? block.get("input") : Json.object())));
                case "thinking" -> thinking.add(ThinkingBlock.thinking(block.path("thinking").asString(),
                        block.path("signature").asString(null)));
                case "redacted_thinking" -> thinking.add(ThinkingBlock.redacted(block.path("data").asString()));
                default -> throw GatewayException.badRequest(at + ".type: unsupported block type \"" + type + "\" in an assistant turn", at);
            }
        }
        return ChatMessage.AssistantMessage.builder()
                .content(text.isEmpty() ? null : Content.of(text.toString()))
                .toolCalls(calls.isEmpty() ? null : calls)
                .thinkingBlocks(thinking.isEmpty() ? null : thinking)
                .build();
    }

    private static Content content(JsonNode node, String path) {
        if (node.isString()) {
            return Content.of(node.asString());
        }
        List<ContentPart> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode block : array(node, path)) {
            String type = block.path("type").asString("");
            String at = path + "[" + i++ + "]";
            switch (type) {
                case "text" -> parts.add(new ContentPart.Text(block.path("text").asString(), cache(block)));
                case "image" -> parts.add(image(block, at));
                default -> throw GatewayException.badRequest(at + ".type: unsupported block type \"" + type + "\"", at);
            }
        }
        return Content.of(parts);
    }

    private static ContentPart image(JsonNode block, String at) {
        JsonNode src = block.path("source");
        String type = src.path("type").asString("");
        if (type.equals("base64")) {
            return ContentPart.imageUrl("data:" + src.path("media_type").asString() + ";base64," + src.path("data").asString());
        }
        if (type.equals("url")) {
            return ContentPart.imageUrl(src.path("url").asString());
        }
        throw GatewayException.badRequest(at + ".source.type: must be \"base64\" or \"url\", was \"" + type + "\"", at);
    }

    private static Iterable<JsonNode> array(JsonNode node, String path) {
        if (!node.isArray()) {
            throw GatewayException.badRequest(path + ": must be a string or an array of content blocks", path);
        }
        return node;
    }

    private static @Nullable CacheControl cache(JsonNode block) {
        JsonNode c = block.get("cache_control");
        return c == null || c.isNull() ? null : Json.MAPPER.convertValue(c, CacheControl.class);
    }
}
