package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One choice of a non-streaming response.
 *
 * @param index position among {@code n} choices
 * @param message the assistant message
 * @param logprobs OpenAI's logprobs object when requested, kept as parsed
 * @param finishReason why generation stopped
 * @param extra other per-choice fields a provider sent (Azure's {@code content_filter_results})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Choice(
        int index,
        ChatMessage.AssistantMessage message,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Object logprobs,
        @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable FinishReason finishReason,
        @JsonAnySetter @JsonIgnore Map<String, Object> extra) {

    public Choice {
        Objects.requireNonNull(message, "message");
        extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public Choice(int index, ChatMessage.AssistantMessage message, @Nullable Object logprobs, @Nullable FinishReason finishReason) {
        this(index, message, logprobs, finishReason, Map.of());
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    public static Choice of(ChatMessage.AssistantMessage message, FinishReason finishReason) {
        return new Choice(0, message, null, finishReason);
    }
}
