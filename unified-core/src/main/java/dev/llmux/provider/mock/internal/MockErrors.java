package dev.llmux.provider.mock.internal;

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
import dev.llmux.error.UnsupportedParamsException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The errors a mock can be told to raise, by name. LiteLLM's class names ({@code litellm.RateLimitError}) and
 * snake-case names ({@code rate_limit}) both work: a name is compared with its {@code litellm.} prefix, underscores,
 * dashes and a trailing {@code error}/{@code exception} removed, ignoring case.
 */
public final class MockErrors {

    private MockErrors() {}

    /** The exception {@code name} stands for, or empty when it names no error (then it is ordinary text). */
    public static Optional<LlmuxException> byName(String name, String provider, String model) {
        String key = key(name);
        String message = provider + " mock error (" + name.strip() + ")";
        LlmuxException e = switch (key) {
            case "ratelimit" -> new RateLimitException(message, details(provider, model, 429).withRetryAfter(Duration.ofSeconds(1)), false);
            case "insufficientquota", "quotaexceeded", "budgetexceeded" -> new RateLimitException(message, details(provider, model, 429), true);
            case "timeout", "requesttimeout", "apitimeout" -> new RequestTimeoutException(message, details(provider, model, 408));
            case "contextwindowexceeded", "contextlengthexceeded" -> new ContextWindowExceededException(message, details(provider, model, 400));
            case "contentpolicyviolation", "contentpolicy", "contentfilter" -> new ContentPolicyViolationException(message, details(provider, model, 400));
            case "unsupportedparams" -> new UnsupportedParamsException(message, details(provider, model, 400));
            case "badrequest", "invalidrequest" -> new BadRequestException(message, details(provider, model, 400));
            case "authentication", "unauthorized" -> new AuthenticationException(message, details(provider, model, 401));
            case "permissiondenied", "forbidden" -> new PermissionDeniedException(message, details(provider, model, 403));
            case "notfound" -> new NotFoundException(message, details(provider, model, 404));
            case "unprocessableentity" -> new UnprocessableEntityException(message, details(provider, model, 422));
            case "internalserver", "internal", "api" -> new InternalServerException(message, details(provider, model, 500));
            case "badgateway" -> new BadGatewayException(message, details(provider, model, 502));
            case "serviceunavailable", "overloaded" -> new ServiceUnavailableException(message, details(provider, model, 503));
            case "apiconnection", "connection" -> new ApiConnectionException(message, details(provider, model, 500));
            default -> null;
        };
        return Optional.ofNullable(e);
    }

    private static ErrorDetails details(String provider, String model, int status) {
        return ErrorDetails.of(provider, model, status);
    }

    static String key(String name) {
        String k = name.strip().toLowerCase(Locale.ROOT);
        if (k.startsWith("litellm.")) {
            k = k.substring("litellm.".length());
        }
        k = k.replace("_", "").replace("-", "");
        if (k.endsWith("exception")) {
            k = k.substring(0, k.length() - "exception".length());
        } else if (k.endsWith("error")) {
            k = k.substring(0, k.length() - "error".length());
        }
        return k;
    }
}
