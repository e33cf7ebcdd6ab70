package dev.llmux.gateway.anthropic;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.gateway.http.ErrorBodies;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/** llmux's OpenAI-shaped answers in Anthropic's Messages shapes: message, usage, stop reason, error. */
final class AnthropicResponses {

    private AnthropicResponses() {}

    static Map<String, Object> message(ChatResponse r, String requestedModel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id().startsWith("msg_") ? r.id() : "msg_" + r.id());
        m.put("type", "message");
        m.put("role", "assistant");
        m.put("model", requestedModel);
        ChatMessage.AssistantMessage a = r.choices().isEmpty() ? ChatMessage.assistant("") : r.message();
        m.put("content", content(a));
        m.put("stop_reason", stopReason(r.finishReason()));
        m.put("stop_sequence", null);
        m.put("usage", usage(r.usage()));
        return m;
    }

    private static List<Map<String, Object>> content(ChatMessage.AssistantMessage a) {
        List<Map<String, Object>> blocks = new ArrayList<>();
        if (a.thinkingBlocks() != null) {
            for (ThinkingBlock t : a.thinkingBlocks()) {
                blocks.add(thinking(t));
            }
        } else if (a.reasoningContent() != null && !a.reasoningContent().isEmpty()) {
            blocks.add(thinking(ThinkingBlock.thinking(a.reasoningContent(), null)));
        }
        if (a.text() != null && !a.text().isEmpty()) {
            blocks.add(text(a.text()));
        }
        for (ToolCall c : a.toolCallsOrEmpty()) {
            blocks.add(toolUse(c.id(), c.function().name(), input(c.function().arguments())));
        }
        return blocks;
    }

    static Map<String, Object> text(String text) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "text");
        b.put("text", text);
        return b;
    }

    static Map<String, Object> toolUse(@Nullable String id, @Nullable String name, Object input) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "tool_use");
        b.put("id", id == null ? "toolu_" + java.util.UUID.randomUUID().toString().replace("-", "") : id);
        b.put("name", name);
        b.put("input", input);
        return b;
    }

    static Map<String, Object> thinking(ThinkingBlock t) {
        Map<String, Object> b = new LinkedHashMap<>();
        if ("redacted_thinking".equals(t.type())) {
            b.put("type", "redacted_thinking");
            b.put("data", t.data());
        } else {
            b.put("type", "thinking");
            b.put("thinking", t.thinking() == null ? "" : t.thinking());
            b.put("signature", t.signature() == null ? "" : t.signature());
        }
        return b;
    }

    /** Tool arguments as a JSON object; arguments that do not parse are kept as a string under {@code _raw}. */
    static Object input(@Nullable String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(arguments, Map.class);
        } catch (JacksonException e) {
            return Map.of("_raw", arguments);
        }
    }

    static @Nullable String stopReason(@Nullable FinishReason f) {
        if (f == null) {
            return null;
        }
        return switch (f.value()) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic counts {@code input_tokens} without cache reads and writes; OpenAI's prompt tokens include them. */
    static Map<String, Object> usage(@Nullable Usage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (u == null) {
            m.put("input_tokens", 0);
            m.put("output_tokens", 0);
            return m;
        }
        m.put("input_tokens", Math.max(0, u.promptTokens() - u.cachedTokens() - u.cacheWriteTokens()));
        m.put("output_tokens", u.completionTokens());
        m.put("cache_creation_input_tokens", u.cacheWriteTokens());
        m.put("cache_read_input_tokens", u.cachedTokens());
        return m;
    }

    /** Anthropic's error body {@code {"type":"error","error":{"type","message"}}}, with the status to send. */
    static Map<String, Object> error(ErrorBodies.Failure f) {
        String type = switch (f.status()) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            case 408, 504 -> "timeout_error";
            default -> "api_error";
        };
        return Map.of("type", "error", "error", Map.of("type", type, "message", f.message()));
    }
}
