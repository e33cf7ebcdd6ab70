package dev.llmux.provider.openai.internal;

import dev.llmux.api.ChatRequest;
import dev.llmux.error.LlmuxException;
import dev.llmux.spi.ProviderCall;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * How one OpenAI-compatible API departs from OpenAI's own. The OpenAI request, response and stream machinery calls
 * these hooks so each deviation lives in one small class; {@link #OPENAI} departs in nothing.
 */
public interface OpenAiDialect {

    OpenAiDialect OPENAI = new OpenAiDialect() {};

    /** Rewrites the outgoing body in place, after the OpenAI body has been built. */
    default void adaptRequest(ObjectNode body, ChatRequest request, ProviderCall call) {}

    /** Normalizes a response or a stream chunk in place, before it is read as OpenAI's shape. */
    default void adaptResponse(ObjectNode node) {}

    /**
     * False when {@link #adaptResponse} leaves every response and chunk as it is: then the readers that skip the
     * JSON tree may be used. By default, whether the dialect overrides {@code adaptResponse} at all; a dialect
     * whose rewrites depend on its settings says so itself.
     */
    default boolean adaptsResponses() {
        return OpenAiChunkReader.overridesAdaptResponse(getClass());
    }

    /** True when assistant history keeps {@code reasoning_content} (DeepSeek needs it back in tool loops). */
    default boolean sendsReasoningContent() {
        return false;
    }

    /** False for APIs that reject {@code stream_options} (they report usage on their own). */
    default boolean sendsStreamOptions() {
        return true;
    }

    /**
     * The error a finish reason stands for (a provider saying "I failed" through {@code finish_reason}), or null
     * when it is an ordinary finish.
     */
    default @Nullable LlmuxException finishError(String finishReason, ProviderCall call) {
        return null;
    }
}
