package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A reasoning block as a provider returned it (LiteLLM's {@code thinking_blocks} entry). Sent back unchanged in
 * later turns, since Anthropic, Bedrock and Gemini verify the signature.
 *
 * @param type {@code "thinking"} or {@code "redacted_thinking"}
 * @param thinking the reasoning text (thinking blocks)
 * @param signature the provider's signature over it (thinking blocks; Gemini's {@code thoughtSignature})
 * @param data the opaque payload (redacted blocks)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThinkingBlock(String type, @Nullable String thinking, @Nullable String signature, @Nullable String data) {

    public static ThinkingBlock thinking(String text, @Nullable String signature) {
        return new ThinkingBlock("thinking", text, signature, null);
    }

    public static ThinkingBlock redacted(String data) {
        return new ThinkingBlock("redacted_thinking", null, null, data);
    }

    @JsonIgnore
    public boolean isRedacted() {
        return "redacted_thinking".equals(type);
    }
}
