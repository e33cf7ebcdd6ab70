package dev.llmux.provider.ollama.internal;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Choice;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.internal.json.Json;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Pure functions from Ollama's native answers to OpenAI-shaped ones. */
public final class OllamaResponseMapper {

    private OllamaResponseMapper() {}

    /**
     * A complete {@code /api/chat} answer ({@code done: true}).
     *
     * @param ids makes the response id and ids for tool calls Ollama sent without one
     */
    public static ChatResponse toChat(OllamaWire.ChatResponse res, String model, Clock clock, Supplier<String> ids) {
        OllamaWire.Message m = res.message();
        List<ToolCall> calls = toolCalls(m == null ? null : m.toolCalls(), ids, false, 0);
        String content = m == null ? null : m.content();
        if (content != null && content.isEmpty() && !calls.isEmpty()) {
            content = null; // OpenAI sends null content beside tool calls
        }
        ChatMessage.AssistantMessage message = ChatMessage.AssistantMessage.builder()
                .content(content == null && calls.isEmpty() ? "" : content)
                .toolCalls(calls)
                .reasoningContent(m == null || m.thinking() == null || m.thinking().isEmpty() ? null : m.thinking())
                .build();
        return ChatResponse.of("chatcmpl-" + ids.get(), created(res.createdAt(), clock), model(res, model),
                List.of(Choice.of(message, finishReason(res.doneReason(), !calls.isEmpty()))), usage(res));
    }

    /**
     * Ollama's tool calls in OpenAI's shape: {@code arguments} objects become JSON strings and a missing id is
     * generated, since the caller must echo one back.
     *
     * @param indexed true for stream deltas, which carry the slot index
     * @param firstIndex the slot of the first call (stream deltas continue numbering across lines)
     */
    static List<ToolCall> toolCalls(@Nullable List<OllamaWire.ToolCall> in, Supplier<String> ids, boolean indexed, int firstIndex) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<ToolCall> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            OllamaWire.ToolCall tc = in.get(i);
            OllamaWire.Function f = tc.function();
            String name = f == null ? null : f.name();
            JsonNode args = f == null ? null : f.arguments();
            String arguments = args == null || args.isNull() ? "{}" : args.isString() ? args.asString() : Json.writeString(args);
            String id = tc.id() == null || tc.id().isEmpty() ? "call_" + ids.get() : tc.id();
            out.add(new ToolCall(indexed ? firstIndex + i : null, id, "function", new ToolCall.FunctionCall(name, arguments)));
        }
        return out;
    }

    /** {@code done_reason} → OpenAI: {@code stop} becomes {@code tool_calls} when the answer calls tools. */
    static FinishReason finishReason(@Nullable String doneReason, boolean hasToolCalls) {
        if ("length".equals(doneReason)) {
            return FinishReason.LENGTH;
        }
        // "stop", a missing reason, and "load"/"unload" (warm-up answers with no text) all end a turn normally.
        return hasToolCalls ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    }

    static @Nullable Usage usage(OllamaWire.ChatResponse res) {
        if (res.promptEvalCount() == null && res.evalCount() == null) {
            return null;
        }
        return Usage.of(nz(res.promptEvalCount()), nz(res.evalCount()));
    }

    static long created(@Nullable String createdAt, Clock clock) {
        if (createdAt != null) {
            try {
                return OffsetDateTime.parse(createdAt).toEpochSecond();
            } catch (DateTimeParseException e) {
                // a timestamp we cannot read is no reason to lose the answer
            }
        }
        return clock.instant().getEpochSecond();
    }

    static String model(OllamaWire.ChatResponse res, String requested) {
        return res.model() == null || res.model().isEmpty() ? requested : res.model();
    }

    /** An {@code /api/embed} answer. */
    public static EmbeddingResponse toEmbedding(OllamaWire.EmbedResponse res, String model) {
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        List<float[]> vectors = res.embeddings() == null ? List.of() : res.embeddings();
        for (int i = 0; i < vectors.size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, vectors.get(i)));
        }
        int tokens = nz(res.promptEvalCount());
        return EmbeddingResponse.of(data, res.model() == null ? model : res.model(),
                res.promptEvalCount() == null ? null : new EmbeddingResponse.EmbeddingUsage(tokens, tokens));
    }

    private static int nz(@Nullable Integer i) {
        return i == null ? 0 : i;
    }
}
