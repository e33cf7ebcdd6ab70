package dev.llmux.internal.error;

import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.PermissionDeniedException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnprocessableEntityException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Picks the llmux exception for a provider failure from its status, error type/code and message. Providers
 * extract those from their own error shapes and call {@link #classify}; the string rules live here once.
 */
public final class ErrorClassifier {

    /** Substrings (lower case) by which providers say the prompt does not fit. */
    private static final List<String> CONTEXT_WINDOW = List.of(
            "context_length_exceeded",
            "maximum context length",
            "exceed context limit",
            "exceeds the context window",
            "input exceeds the context window",
            "model's maximum context limit",
            "is longer than the model's context length",
            "input tokens exceed the configured limit",
            "exceeds the available context size",
            "exceeds the maximum number of tokens allowed",
            "prompt is too long",
            "input is too long for requested model",
            "input length and `max_tokens` exceed context limit",
            "maximum prompt length is",
            "please reduce the length of the messages or completion",
            "request payload size exceeds",
            "n_keep",
            "total number of tokens in the prompt cannot exceed");

    private static final List<String> CONTENT_POLICY = List.of(
            "content_policy_violation",
            "content_filter",
            "responsibleaipolicyviolation",
            "content management policy",
            "your task failed as a result of our safety system",
            "your request was rejected as a result of our safety system",
            "the response was blocked",
            "output blocked by content filtering policy",
            "content filtering policy");

    private static final List<String> QUOTA = List.of(
            "insufficient_quota", "exceeded your current quota", "billing_hard_limit_reached", "credit balance is too low");

    private static final Pattern RATE_LIMIT_WORDS = Pattern.compile("(?i)\\b429\\b|rate[ _-]limit|resource[ _]exhausted|quota exceeded|throttl|too many requests|service tier capacity exceeded");

    private ErrorClassifier() {}

    /**
     * The exception for a failed provider call.
     *
     * @param details provider, model, status, type/code, headers and retry-after already filled in
     * @param providerMessage the provider's own message (never containing our credentials)
     */
    public static LlmuxException classify(ErrorDetails details, @Nullable String providerMessage, @Nullable Throwable cause) {
        String msg = providerMessage == null || providerMessage.isBlank() ? "HTTP " + details.status() : providerMessage;
        String message = details.provider() + " error" + (details.model() == null ? "" : " for model " + details.model()) + ": " + msg;
        String haystack = (msg + " " + nz(details.errorType()) + " " + nz(details.errorCode())).toLowerCase(Locale.ROOT);
        int status = details.status();

        if (status == 429 || status >= 500 && looksLikeRateLimit(haystack)) {
            // "Request too large … tokens per min (TPM)" is a rate limit, not a context overflow.
            boolean quota = containsAny(haystack, QUOTA);
            return new RateLimitException(message, details.withStatus(429), quota, cause);
        }
        if (status >= 400 && status != 401 && status != 404 && containsAny(haystack, QUOTA)) {
            // Anthropic says "credit balance is too low" with a 400, OpenRouter with a 402: out of money, not a
            // bad request, so a router may fall back to another deployment (and must not retry this one)
            return new RateLimitException(message, details, true, cause);
        }
        if (status >= 500 && isContextWindow(haystack)) {
            // self-hosted servers (Ollama, llama.cpp, vLLM) report an overflowing prompt as a server error
            return new ContextWindowExceededException(message, details.withStatus(400), cause);
        }
        if (status == 400 || status == 413 || status == 422) {
            if (isContextWindow(haystack)) {
                return new ContextWindowExceededException(message, details.withStatus(400), cause);
            }
            if (containsAny(haystack, CONTENT_POLICY)) {
                return new ContentPolicyViolationException(message, details.withStatus(400), cause);
            }
            if (status != 422) {
                return new BadRequestException(message, details, cause);
            }
        }
        return switch (status) {
            case 401 -> new AuthenticationException(message, details, cause);
            // 402 Payment Required (OpenRouter and others: out of credits): waiting will not help
            case 402 -> new RateLimitException(message, details, true, cause);
            case 403 -> new PermissionDeniedException(message, details, cause);
            case 404 -> new NotFoundException(message, details, cause);
            case 408 -> new RequestTimeoutException(message, details, cause);
            case 409 -> new InternalServerException(message, details, cause);
            case 422 -> new UnprocessableEntityException(message, details, cause);
            case 500 -> new InternalServerException(message, details, cause);
            case 502 -> new BadGatewayException(message, details, cause);
            case 503, 529 -> new ServiceUnavailableException(message, details.withStatus(503), cause);
            case 504 -> new RequestTimeoutException(message, details.withStatus(408), cause);
            default -> status >= 500
                    ? new InternalServerException(message, details, cause)
                    : status >= 400 ? new BadRequestException(message, details, cause) : new ApiConnectionException(message, details, cause);
        };
    }

    /** True when the text reads as a context-window overflow. */
    public static boolean isContextWindow(String lowerCaseText) {
        if (lowerCaseText.contains("string_above_max_length") || lowerCaseText.contains("invalid 'user'")) {
            return false;
        }
        if (lowerCaseText.contains("current length is") && lowerCaseText.contains("while limit is")) {
            return true;
        }
        return containsAny(lowerCaseText, CONTEXT_WINDOW);
    }

    private static boolean looksLikeRateLimit(String lowerCaseText) {
        return RATE_LIMIT_WORDS.matcher(lowerCaseText).find() && !isContextWindow(lowerCaseText);
    }

    private static boolean containsAny(String text, List<String> needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
    }

    private static String nz(@Nullable String s) {
        return s == null ? "" : s;
    }
}
