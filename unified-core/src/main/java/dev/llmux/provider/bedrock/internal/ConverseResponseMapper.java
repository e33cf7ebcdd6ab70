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

    /** What the mapping reads of a Converse response: its content blocks in order, its stop reason, its counts. */
    public record Converse(List<Block> content, String stopReason, @Nullable Counts usage) {
        public Converse {
            content = List.copyOf(content);
        }
    }

    /** The content blocks the mapping uses; other block types are left out. */
    public sealed interface Block {}

    public record Text(String text) implements Block {}

    /** @param input the input object written as JSON, exactly as the tree path writes it */
    public record ToolUse(@Nullable String toolUseId, @Nullable String name, String input) implements Block {}

    public record Reasoning(@Nullable String text, @Nullable String signature) implements Block {}

    public record Redacted(@Nullable String data) implements Block {}

    /** The token counts, zero where absent. */
    public record Counts(int inputTokens, int outputTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {}

    /**
     * @param jsonTool the forced tool emulating structured output, whose call is the answer's content, or null
     * @param declaredTools the names of the request's tools, for models that write a tool call as JSON text
     */
    public static ChatResponse map(JsonNode root, String id, long created, String model, @Nullable String jsonTool, Set<String> declaredTools) {
        return map(converse(root), id, created, model, jsonTool, declaredTools);
    }

    /** The parts of a Converse response (a JSON tree) the mapping uses; {@link Malformed} when it is not one. */
    public static Converse converse(JsonNode root) {
        JsonNode message = root.path("output").path("message");
        JsonNode content = message.path("content");
        if (!root.isObject() || !content.isArray()) {
            throw new Malformed("Converse response has no output.message.content array");
        }
        String stopReason = Json.text(root, "stopReason");
        if (stopReason == null) {
            throw new Malformed("Converse response has no stopReason");
        }
        List<Block> blocks = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.has("text")) {
                blocks.add(new Text(block.get("text").asString()));
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                String input = Json.writeString(use.has("input") ? use.get("input") : Json.object());
                blocks.add(new ToolUse(Json.text(use, "toolUseId"), Json.text(use, "name"), input));
            } else if (block.has("reasoningContent")) {
                JsonNode rc = block.get("reasoningContent");
                if (rc.has("reasoningText")) {
                    blocks.add(new Reasoning(Json.text(rc.get("reasoningText"), "text"), Json.text(rc.get("reasoningText"), "signature")));
                } else if (rc.has("redactedContent")) {
                    blocks.add(new Redacted(Json.text(rc, "redactedContent")));
                }
            }
        }
        Counts usage = null;
        if (root.has("usage")) {
            JsonNode u = root.get("usage");
            usage = new Counts(u.path("inputTokens").asInt(0), u.path("outputTokens").asInt(0),
                    u.path("cacheReadInputTokens").asInt(0), u.path("cacheWriteInputTokens").asInt(0));
        }
        return new Converse(blocks, stopReason, usage);
    }

    /** As {@link #map(JsonNode, String, long, String, String, Set)} for the parts already read. */
    public static ChatResponse map(Converse converse, String id, long created, String model, @Nullable String jsonTool, Set<String> declaredTools) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ThinkingBlock> thinking = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        String jsonAnswer = null;
        for (Block block : converse.content()) {
            if (block instanceof Text t) {
                text.append(t.text());
            } else if (block instanceof ToolUse use) {
                if (jsonTool != null && jsonTool.equals(use.name()) && jsonAnswer == null) {
                    jsonAnswer = use.input();
                } else {
                    calls.add(ToolCall.function(use.toolUseId(), use.name(), use.input()));
                }
            } else if (block instanceof Reasoning r) {
                String t = r.text() == null ? "" : r.text();
                reasoning.append(t);
                thinking.add(ThinkingBlock.thinking(t, r.signature()));
            } else if (block instanceof Redacted r) {
                thinking.add(ThinkingBlock.redacted(r.data()));
            }
        }
        FinishReason finish = finishReason(converse.stopReason());
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
        Usage usage = converse.usage() == null ? null : usage(converse.usage(), reasoning.toString());
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
        return usage(new Counts(u.path("inputTokens").asInt(0), u.path("outputTokens").asInt(0),
                u.path("cacheReadInputTokens").asInt(0), u.path("cacheWriteInputTokens").asInt(0)), reasoningText);
    }

    static Usage usage(Counts u, String reasoningText) {
        int input = u.inputTokens();
        int output = u.outputTokens();
        int cacheRead = u.cacheReadInputTokens();
        int cacheWrite = u.cacheWriteInputTokens();
        int reasoning = reasoningText.isEmpty() ? 0 : Math.min(output, TokenCounter.o200k().count(reasoningText));
        return Usage.of(input + cacheRead + cacheWrite, output, cacheRead, cacheWrite, reasoning);
    }
}
