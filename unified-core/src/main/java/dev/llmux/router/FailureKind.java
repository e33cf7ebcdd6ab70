package dev.llmux.router;

import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;

/**
 * The kinds of failure that retry and allowed-fails policies distinguish, after LiteLLM's {@code RetryPolicy} and
 * {@code AllowedFailsPolicy} fields.
 */
public enum FailureKind {
    /** 400 and 422 that are neither context-window nor content-policy errors. */
    BAD_REQUEST,
    /** 401 and 403: a deployment's credentials are wrong. */
    AUTHENTICATION,
    /** 404: the deployment's model or endpoint does not exist. */
    NOT_FOUND,
    /** 408, or no first byte within the attempt's timeout. */
    TIMEOUT,
    /** 429 (rate limit or exhausted quota). */
    RATE_LIMIT,
    CONTENT_POLICY,
    CONTEXT_WINDOW,
    /** 500 and other unexpected server errors. */
    INTERNAL_SERVER,
    /** 502, including answers llmux could not parse. */
    BAD_GATEWAY,
    /** 503 and Anthropic's 529 overloaded. */
    SERVICE_UNAVAILABLE,
    /** Connection refused or reset, or a stream cut before its end. */
    CONNECTION;

    /** The kind of {@code error}. */
    public static FailureKind of(LlmuxException error) {
        if (error instanceof ContextWindowExceededException) {
            return CONTEXT_WINDOW;
        }
        if (error instanceof ContentPolicyViolationException) {
            return CONTENT_POLICY;
        }
        if (error instanceof AuthenticationException || error instanceof PermissionDeniedException) {
            return AUTHENTICATION;
        }
        if (error instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (error instanceof RequestTimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof RateLimitException) {
            return RATE_LIMIT;
        }
        if (error instanceof ServiceUnavailableException) {
            return SERVICE_UNAVAILABLE;
        }
        if (error instanceof BadGatewayException) {
            return BAD_GATEWAY;
        }
        if (error instanceof ApiConnectionException) {
            return CONNECTION;
        }
        if (error instanceof InternalServerException) {
            return INTERNAL_SERVER;
        }
        return error.status() >= 500 ? INTERNAL_SERVER : BAD_REQUEST;
    }

    /**
     * True when the failure says something about the deployment rather than the request, so it counts towards
     * the deployment's cooldown. Bad requests, context-window and content-policy errors are the caller's.
     */
    public boolean countsAgainstDeployment() {
        return this != BAD_REQUEST && this != CONTENT_POLICY && this != CONTEXT_WINDOW;
    }
}
