package dev.llmux.springai.internal;

import dev.llmux.error.LlmuxException;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

/**
 * llmux errors as Spring AI's retry taxonomy: retryable ones (rate limits, 5xx, timeouts, connection failures) are
 * {@link TransientAiException}, the rest {@link NonTransientAiException}; the llmux error stays the cause.
 */
public final class Errors {

    private Errors() {}

    public static RuntimeException map(Throwable error) {
        if (error instanceof LlmuxException e) {
            return e.isRetryable() ? new TransientAiException(e.getMessage(), e) : new NonTransientAiException(e.getMessage(), e);
        }
        return error instanceof RuntimeException re ? re : new NonTransientAiException(error.getMessage(), error);
    }
}
