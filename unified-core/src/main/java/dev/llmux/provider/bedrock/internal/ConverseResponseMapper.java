package dev.llmux.provider.bedrock.internal;

import dev.llmux.api.ChatMessage.AssistantMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import dev.llmux.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Converse response → OpenAI {@code chat.completion} (wire-formats §5.3), pure. */
public final class ConverseResponseMapper {

    private ConverseResponseMapper() {}

    /** Thrown when the body is not a Converse response; the provider reports it as a 502. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * @param jsonTool the forced tool emulating structured output, whose call is the answer's content, or null
     * @param declaredTools the names of the request's tools, for models that write a tool call as JSON text
     */
    public static ChatResponse map(JsonNode root, String id, long created, String model, @Nullable String jsonTool, Set<String> declaredTools) {
        JsonNode message = root.path("output").path("message");
        JsonNode content = message.path("content");
        if (!root.isObject() || !content.isArray()) {
            throw new Malformed("Converse response has no output.message.content array");
        }
        String stopReason = Json.text(root, "stopReason");
        if (stopReason == null) {
            throw new Malformed("Converse response has no stopReason");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ThinkingBlock> thinking = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        String jsonAnswer = null;
        for (JsonNode block : content) {
            if (block.has("text")) {
                text.append(block.get("text").asString());
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                String name = Json.text(use, "name");
                String input = Json.writeString(use.has("input") ? use.get("input") : Json.object());
                if (jsonTool != null && jsonTool.equals(name) && jsonAnswer == null) {
                    jsonAnswer = input;
                } else {
                    calls.add(ToolCall.function(Json.text(use, "toolUseId"), name, input));
                }
            } else if (block.has("reasoningContent")) {
                JsonNode rc = block.get("reasoningContent");
                if (rc.has("reasoningText")) {
                    String t = Json.text(rc.get("reasoningText"), "text");
                    reasoning.append(t == null ? "" : t);
                    thinking.add(ThinkingBlock.thinking(t == null ? "" : t, Json.text(rc.get("reasoningText"), "signature")));
                } else if (rc.has("redactedContent")) {
                    thinking.add(ThinkingBlock.redacted(Json.text(rc, "redactedContent")));
                }
            }
        }
        FinishReason finish = finishReason(stopReason);
        String answer = text.toString();
        if (calls.isEmpty() && jsonAnswer == null && !declaredTools.isEmpty()) {
            ToolCall textCall = toolCallWrittenAsText(answer, declaredTools);
            if (textCall != null) {
                // Some models (Llama, Mistral) answer a tool call with {"type":"function","name":…,"parameters":{…}} as
                // text; LiteLLM turns it into a real call, and so do we.
                calls.add(textCall);
                answer = "";
                finish = FinishReason.TOOL_CALLS;
            }
        }
        if (jsonAnswer != null) {
            // The emulated structured output: the forced tool's input is the answer, and the model did not stop to
            // call a tool.
            answer = answer.isEmpty() ? jsonAnswer : answer + jsonAnswer;
            if (calls.isEmpty() && FinishReason.TOOL_CALLS.equals(finish)) {
                finish = FinishReason.STOP;
            }
        }
        AssistantMessage msg = AssistantMessage.builder()
                .content(answer.isEmpty() && (!calls.isEmpty() || !thinking.isEmpty()) ? null : answer)
                .toolCalls(calls)
                .reasoningContent(reasoning.isEmpty() ? null : reasoning.toString())
                .thinkingBlocks(thinking)
                .build();
        Usage usage = root.has("usage") ? usage(root.get("usage"), reasoning.toString()) : null;
        return ChatResponse.of(id, created, model, List.of(Choice.of(msg, finish)), usage);
    }

    /** A tool call a model wrote as JSON text, when it names a declared tool; else null. */
    static @Nullable ToolCall toolCallWrittenAsText(String text, Set<String> declaredTools) {
        String t = text.strip();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.tree(t);
        } catch (JacksonException e) {
            return null;
        }
        String name = Json.text(node, "name");
        JsonNode params = node.get("parameters");
        if (!"function".equals(Json.text(node, "type")) || name == null || !declaredTools.contains(name) || params == null || !params.isObject()) {
            return null;
        }
        return ToolCall.function("call_" + UUID.randomUUID().toString().replace("-", ""), name, Json.writeString(params));
    }

    /**
     * Converse stop reasons → OpenAI finish reasons (wire-formats §0.1). {@code malformed_model_output} and
     * {@code malformed_tool_use} have no OpenAI equivalent and are errors; see {@link #isMalformedStop}.
     */
    public static FinishReason finishReason(String stopReason) {
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "guardrail_intervened", "content_filtered" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.of(stopReason);
        };
    }

    public static boolean isMalformedStop(@Nullable String stopReason) {
        return "malformed_model_output".equals(stopReason) || "malformed_tool_use".equals(stopReason);
    }

    /**
     * OpenAI semantics: Bedrock's {@code inputTokens} excludes the cache, so the prompt is input + cache read +
     * cache write; cached_tokens is the cache read, cache_write_tokens the cache write. Bedrock does not count
     * reasoning tokens; like LiteLLM, llmux estimates them from the reasoning text (o200k_base as a proxy
     * tokenizer, capped at the output tokens).
     */
    public static Usage usage(JsonNode u, String reasoningText) {
        int input = u.path("inputTokens").asInt(0);
        int output = u.path("outputTokens").asInt(0);
        int cacheRead = u.path("cacheReadInputTokens").asInt(0);
        int cacheWrite = u.path("cacheWriteInputTokens").asInt(0);
        int reasoning = reasoningText.isEmpty() ? 0 : Math.min(output, TokenCounter.o200k().count(reasoningText));
        return Usage.of(input + cacheRead + cacheWrite, output, cacheRead, cacheWrite, reasoning);
    }
}
