package dev.llmux.provider.anthropic.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** An Anthropic {@code message} to an OpenAI {@code chat.completion}. Pure. */
public final class ResponseMapper {

    private ResponseMapper() {}

    /**
     * @param jsonToolMode the request emulated structured output with {@link RequestMapper#JSON_TOOL}
     * @param unwrapValues a lone {@code values} key of the emulated output may be unwrapped
     * @param created the {@code created} timestamp (Anthropic sends none)
     */
    public static ChatResponse map(AnthropicWire.Message m, boolean jsonToolMode, boolean unwrapValues, long created) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ThinkingBlock> thinking = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        List<Object> annotations = new ArrayList<>();
        for (AnthropicWire.Block b : m.contentOrEmpty()) {
            switch (b.type() == null ? "" : b.type()) {
                case "text" -> {
                    int start = text.length();
                    text.append(b.text() == null ? "" : b.text());
                    urlCitations(b.citations(), start, text.length(), annotations);
                }
                case "tool_use" -> calls.add(ToolCall.function(b.id(), b.name(),
                        b.input() == null ? "{}" : Json.writeString(b.input())));
                case "thinking" -> {
                    String t = b.thinking() == null ? "" : b.thinking();
                    reasoning.append(t);
                    thinking.add(ThinkingBlock.thinking(t, b.signature()));
                }
                case "redacted_thinking" -> thinking.add(ThinkingBlock.redacted(b.data() == null ? "" : b.data()));
                default -> {
                    // server tool blocks (server_tool_use, web_search_tool_result, …) have no OpenAI equivalent
                }
            }
        }
        FinishReason finish = finishReason(m.stopReason());
        String content = text.isEmpty() ? null : text.toString();
        if (jsonToolMode && calls.size() == 1 && RequestMapper.JSON_TOOL.equals(calls.get(0).name())) {
            content = jsonContent(calls.get(0).arguments(), unwrapValues);
            calls = List.of();
            finish = FinishReason.STOP;
        }
        ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder()
                .content(content)
                .toolCalls(calls)
                .reasoningContent(thinking.isEmpty() ? null : reasoning.toString())
                .thinkingBlocks(thinking)
                .annotations(annotations.isEmpty() || content == null ? null : annotations)
                .build();
        return ChatResponse.of(m.id() == null ? "" : m.id(), created, m.model() == null ? "" : m.model(),
                List.of(Choice.of(message, finish)), m.usage() == null ? null : usage(m.usage()));
    }

    /**
     * Web search citations as OpenAI {@code url_citation} annotations over the cited text's span of the content.
     * Document citations have no OpenAI shape and are not carried.
     */
    private static void urlCitations(@Nullable JsonNode citations, int start, int end, List<Object> out) {
        if (citations == null || !citations.isArray()) {
            return;
        }
        for (JsonNode c : citations) {
            String url = Json.text(c, "url");
            if (!"web_search_result_location".equals(Json.text(c, "type")) || url == null) {
                continue;
            }
            Map<String, Object> citation = new LinkedHashMap<>();
            citation.put("end_index", end);
            citation.put("start_index", start);
            if (Json.text(c, "title") != null) {
                citation.put("title", Json.text(c, "title"));
            }
            citation.put("url", url);
            Map<String, Object> annotation = new LinkedHashMap<>();
            annotation.put("type", "url_citation");
            annotation.put("url_citation", citation);
            out.add(annotation);
        }
    }

    /** LiteLLM's unwrapping: a lone {@code values} key is the answer itself (older models wrap lists that way). */
    static String jsonContent(@Nullable String arguments, boolean unwrapValues) {
        if (arguments == null) {
            return "";
        }
        if (unwrapValues) {
            try {
                JsonNode node = Json.tree(arguments);
                if (node.isObject() && node.size() == 1 && node.has("values")) {
                    return Json.writeString(node.get("values"));
                }
            } catch (JacksonException e) {
                return arguments; // not JSON: give back what the model wrote
            }
        }
        return arguments;
    }

    /** Anthropic's {@code stop_reason} as OpenAI's {@code finish_reason}; an unknown value is kept as is. */
    public static FinishReason finishReason(@Nullable String stopReason) {
        if (stopReason == null) {
            return FinishReason.STOP;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence", "pause_turn" -> FinishReason.STOP;
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            case "refusal" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.of(stopReason);
        };
    }

    /**
     * Anthropic usage in OpenAI's semantics: {@code prompt_tokens} = input + cache writes + cache reads,
     * {@code cached_tokens} = cache reads, {@code cache_write_tokens} = cache writes, reasoning from
     * {@code output_tokens_details.thinking_tokens} when sent. Anthropic's own cache counts (and the 5m/1h split,
     * which prices differently) are kept in the usage's extra fields when non-zero.
     */
    public static Usage usage(AnthropicWire.Usage u) {
        int input = nz(u.inputTokens());
        int write = nz(u.cacheCreationInputTokens());
        int read = nz(u.cacheReadInputTokens());
        int output = nz(u.outputTokens());
        JsonNode thinkingTokens = u.outputTokensDetails() == null ? null : u.outputTokensDetails().get("thinking_tokens");
        int reasoning = thinkingTokens == null || !thinkingTokens.isNumber() ? 0 : thinkingTokens.asInt();
        Usage base = Usage.of(input + write + read, output, read, write, reasoning);
        Map<String, Object> extra = new LinkedHashMap<>();
        if (write > 0) {
            extra.put("cache_creation_input_tokens", write);
            if (u.cacheCreation() != null && u.cacheCreation().isObject()) {
                extra.put("cache_creation", Json.toMap(u.cacheCreation()));
            }
        }
        if (read > 0) {
            extra.put("cache_read_input_tokens", read);
        }
        if (u.serverToolUse() != null && u.serverToolUse().isObject()) {
            extra.put("server_tool_use", Json.toMap(u.serverToolUse()));
        }
        return extra.isEmpty() ? base
                : new Usage(base.promptTokens(), base.completionTokens(), base.totalTokens(), base.promptTokensDetails(),
                        base.completionTokensDetails(), null, extra);
    }

    private static int nz(@Nullable Integer v) {
        return v == null ? 0 : v;
    }
}
