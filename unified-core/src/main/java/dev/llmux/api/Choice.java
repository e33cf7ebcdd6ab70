package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One choice of a non-streaming response.
 *
 * @param index position among {@code n} choices
 * @param message the assistant message
 * @param logprobs OpenAI's logprobs object when requested, kept as parsed
 * @param finishReason why generation stopped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Choice(
        int index,
        ChatMessage.AssistantMessage message,
        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Object logprobs,
        @JsonProperty("finish_reason") @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable FinishReason finishReason) {

    public Choice {
        Objects.requireNonNull(message, "message");
    }

    public static Choice of(ChatMessage.AssistantMessage message, FinishReason finishReason) {
        return new Choice(0, message, null, finishReason);
    }
}
