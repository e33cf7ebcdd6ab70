package dev.llmux.provider.anthropic.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of Anthropic's response and stream schema llmux reads. Unknown fields are ignored (the shared mapper
 * is lenient), so new server fields never break parsing.
 */
public final class AnthropicWire {

    private AnthropicWire() {}

    /** A {@code message} object: the non-streaming response, and {@code message_start.message}. */
    public record Message(
            @Nullable String id,
            @Nullable String type,
            @Nullable String role,
            @Nullable String model,
            @Nullable List<Block> content,
            @JsonProperty("stop_reason") @Nullable String stopReason,
            @JsonProperty("stop_sequence") @Nullable String stopSequence,
            @Nullable Usage usage,
            @Nullable ErrorBody error) {

        public List<Block> contentOrEmpty() {
            return content == null ? List.of() : content;
        }
    }

    /**
     * A content block of any type; only the fields of its type are set.
     *
     * @param input a {@code tool_use} block's arguments object
     * @param data a {@code redacted_thinking} block's payload
     * @param citations a {@code text} block's sources (web search results, document locations)
     */
    public record Block(
            @Nullable String type,
            @Nullable String text,
            @Nullable String id,
            @Nullable String name,
            @Nullable JsonNode input,
            @Nullable String thinking,
            @Nullable String signature,
            @Nullable String data,
            @Nullable JsonNode citations) {}

    /** Token counts; Anthropic's {@code input_tokens} excludes cache reads and writes. */
    public record Usage(
            @JsonProperty("input_tokens") @Nullable Integer inputTokens,
            @JsonProperty("output_tokens") @Nullable Integer outputTokens,
            @JsonProperty("cache_creation_input_tokens") @Nullable Integer cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") @Nullable Integer cacheReadInputTokens,
            @JsonProperty("cache_creation") @Nullable JsonNode cacheCreation,
            @JsonProperty("server_tool_use") @Nullable JsonNode serverToolUse,
            @JsonProperty("output_tokens_details") @Nullable JsonNode outputTokensDetails) {

        /** These counts with {@code later}'s non-null ones laid over (a stream's {@code message_delta} repeats some). */
        public Usage overriddenBy(@Nullable Usage later) {
            if (later == null) {
                return this;
            }
            return new Usage(
                    later.inputTokens != null ? later.inputTokens : inputTokens,
                    later.outputTokens != null ? later.outputTokens : outputTokens,
                    later.cacheCreationInputTokens != null ? later.cacheCreationInputTokens : cacheCreationInputTokens,
                    later.cacheReadInputTokens != null ? later.cacheReadInputTokens : cacheReadInputTokens,
                    later.cacheCreation != null ? later.cacheCreation : cacheCreation,
                    later.serverToolUse != null ? later.serverToolUse : serverToolUse,
                    later.outputTokensDetails != null ? later.outputTokensDetails : outputTokensDetails);
        }
    }

    /** {@code {"type":"overloaded_error","message":"Overloaded"}}. */
    public record ErrorBody(@Nullable String type, @Nullable String message) {}

    /** One streamed event's {@code data}; which fields are set depends on {@code type}. */
    public record Event(
            @Nullable String type,
            @Nullable Message message,
            @Nullable Integer index,
            @JsonProperty("content_block") @Nullable Block contentBlock,
            @Nullable Delta delta,
            @Nullable Usage usage,
            @Nullable ErrorBody error) {}

    /** A {@code content_block_delta}'s or {@code message_delta}'s {@code delta}. */
    public record Delta(
            @Nullable String type,
            @Nullable String text,
            @JsonProperty("partial_json") @Nullable String partialJson,
            @Nullable String thinking,
            @Nullable String signature,
            @JsonProperty("stop_reason") @Nullable String stopReason,
            @JsonProperty("stop_sequence") @Nullable String stopSequence) {}
}
