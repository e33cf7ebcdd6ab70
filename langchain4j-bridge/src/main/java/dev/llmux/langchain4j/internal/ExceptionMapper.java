package dev.llmux.langchain4j.internal;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnsupportedParamsException;

/**
 * llmux errors as LangChain4j's exceptions, keeping the llmux error as the cause so its status, provider and
 * retry-after stay reachable. Retryable failures map to LangChain4j's {@code RetriableException} subtypes.
 */
public final class ExceptionMapper {

    private ExceptionMapper() {}

    public static RuntimeException map(Throwable error) {
        if (!(error instanceof LlmuxException e)) {
            return error instanceof RuntimeException re ? re : new LangChain4jException(error.getMessage(), error);
        }
        String msg = e.getMessage();
        if (e instanceof dev.llmux.error.RateLimitException) {
            return new RateLimitException(msg, e);
        }
        if (e instanceof dev.llmux.error.AuthenticationException || e instanceof PermissionDeniedException) {
            return new AuthenticationException(msg, e);
        }
        if (e instanceof RequestTimeoutException) {
            return new TimeoutException(msg, e);
        }
        if (e instanceof NotFoundException) {
            return new ModelNotFoundException(msg, e);
        }
        if (e instanceof ContentPolicyViolationException) {
            return new ContentFilteredException(msg, e);
        }
        if (e instanceof UnsupportedParamsException) {
            UnsupportedFeatureException u = new UnsupportedFeatureException(msg);
            u.initCause(e);
            return u;
        }
        if (e instanceof dev.llmux.error.InternalServerException || e instanceof BadGatewayException
                || e instanceof ServiceUnavailableException || e instanceof ApiConnectionException) {
            return new InternalServerException(msg, e);
        }
        if (e.status() >= 400 && e.status() < 500) {
            return new InvalidRequestException(msg, e);
        }
        return new InternalServerException(msg, e);
    }
}
