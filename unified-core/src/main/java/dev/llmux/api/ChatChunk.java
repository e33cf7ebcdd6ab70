package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI {@code chat.completion.chunk}. The usage-only final chunk has empty {@code choices}.
 * {@link #callInfo()} is set by llmux on chunks it emits (never serialized); on the last chunk it includes cost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "object", "created", "model", "system_fingerprint", "choices", "usage"})
public record ChatChunk(
        String id,
        String object,
        long created,
        String model,
        @JsonProperty("system_fingerprint") @Nullable String systemFingerprint,
        List<ChunkChoice> choices,
        @Nullable Usage usage,
        @JsonAnySetter @JsonIgnore Map<String, Object> extra,
        @JsonIgnore @Nullable CallInfo callInfo) {

    public static final String OBJECT = "chat.completion.chunk";

    public ChatChunk {
        Objects.requireNonNull(id, "id");
        object = object == null ? OBJECT : object;
        model = model == null ? "" : model;
        choices = choices == null ? List.of() : List.copyOf(choices);
        extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static ChatChunk of(String id, long created, String model, List<ChunkChoice> choices, @Nullable Usage usage) {
        return new ChatChunk(id, OBJECT, created, model, null, choices, usage, Map.of(), null);
    }

    /** A chunk with one choice at index 0. */
    public static ChatChunk of(String id, long created, String model, Delta delta, @Nullable FinishReason finishReason) {
        return of(id, created, model, List.of(new ChunkChoice(0, delta, null, finishReason)), null);
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    public ChatChunk withCallInfo(@Nullable CallInfo callInfo) {
        return new ChatChunk(id, object, created, model, systemFingerprint, choices, usage, extra, callInfo);
    }

    public ChatChunk withUsage(@Nullable Usage usage) {
        return new ChatChunk(id, object, created, model, systemFingerprint, choices, usage, extra, callInfo);
    }

    /** The first choice's delta text, or null. */
    @JsonIgnore
    public @Nullable String text() {
        return choices.isEmpty() ? null : choices.get(0).delta().content();
    }

    /**
     * @param index the choice index
     * @param delta what this chunk adds
     * @param logprobs logprobs for this piece, when requested
     * @param finishReason null until the final chunk of the choice
     * @param extra other per-choice fields a provider sent (Azure's {@code content_filter_results})
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChunkChoice(
            int index,
            Delta delta,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Object logprobs,
            @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable FinishReason finishReason,
            @JsonAnySetter @JsonIgnore Map<String, Object> extra) {
        public ChunkChoice {
            delta = delta == null ? Delta.EMPTY : delta;
            extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        }

        public ChunkChoice(int index, Delta delta, @Nullable Object logprobs, @Nullable FinishReason finishReason) {
            this(index, delta, logprobs, finishReason, Map.of());
        }

        @Override
        @JsonAnyGetter
        public Map<String, Object> extra() {
            return extra;
        }
    }

    /**
     * A streamed piece of the assistant message.
     *
     * @param thinkingBlocks complete or partial reasoning blocks; a block's signature may arrive in a later delta
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(
            @Nullable String role,
            @Nullable String content,
            @Nullable String refusal,
            @JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
            @JsonProperty("reasoning_content") @Nullable String reasoningContent,
            @JsonProperty("thinking_blocks") @Nullable List<ThinkingBlock> thinkingBlocks) {

        public static final Delta EMPTY = new Delta(null, null, null, null, null, null);

        public static Delta role(String role) {
            return new Delta(role, null, null, null, null, null);
        }

        public static Delta content(String content) {
            return new Delta(null, content, null, null, null, null);
        }

        public static Delta reasoning(String reasoning) {
            return new Delta(null, null, null, null, reasoning, null);
        }

        public static Delta toolCalls(List<ToolCall> toolCalls) {
            return new Delta(null, null, null, toolCalls, null, null);
        }

        public static Delta thinkingBlock(ThinkingBlock block) {
            return new Delta(null, null, null, null, null, List.of(block));
        }
    }
}
