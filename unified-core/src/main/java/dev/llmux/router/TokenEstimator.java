package dev.llmux.router;

import dev.llmux.api.ChatRequest;
import dev.llmux.router.internal.CharTokenEstimator;

/**
 * Estimates a request's prompt tokens, for context-window pre-call checks, tpm admission and budget reservations.
 * It runs on the calling thread for every routed call, so it must be cheap and must not block.
 */
@FunctionalInterface
public interface TokenEstimator {

    /** The estimated prompt tokens of {@code request} (messages, tools and response format). */
    int promptTokens(ChatRequest request);

    /**
     * About one token per four characters of the request's JSON, rounded up: provider tokenizers land within ±30 %
     * of it for English prose and code, and it costs one serialisation.
     */
    static TokenEstimator charsPerToken() {
        return CharTokenEstimator.INSTANCE;
    }

    /**
     * A BPE count with {@code o200k_base} ({@link dev.llmux.tokens.TokenCounter#o200k()}): exact for current OpenAI
     * models and close for others, at the price of tokenizing every routed prompt. Worth it when context windows
     * are tight or tpm limits are small.
     */
    static TokenEstimator bpe() {
        dev.llmux.tokens.TokenCounter counter = dev.llmux.tokens.TokenCounter.o200k();
        return counter::count;
    }
}
