package dev.llmux.provider.anthropic.internal;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.error.RetryAfter;
import dev.llmux.internal.json.Json;
import dev.llmux.transport.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic failures ({@code {"type":"error","error":{"type","message"},"request_id"}}, at an HTTP error status
 * or as an {@code error} event inside a 200 stream) as llmux errors. The string rules (context window, quota)
 * are {@link ErrorClassifier}'s; this class only reads Anthropic's shapes and headers.
 */
public final class AnthropicErrors {

    private static final List<String> RATE_LIMIT_KINDS = List.of("requests", "tokens", "input-tokens", "output-tokens");

    private AnthropicErrors() {}

    /** The exception for an HTTP error response; every header is kept, and the wait comes from the headers. */
    public static LlmuxException fromResponse(String provider, @Nullable String model, ResponseHead head, byte[] body, Instant now) {
        ErrorDetails details = new ErrorDetails(provider, model, head.status(), null, null, null, null, head.headers());
        details = details.withRetryAfter(retryAfter(head, now));
        Parsed parsed = parse(body);
        return ErrorClassifier.classify(details.withType(parsed.type, null, null), parsed.message, null);
    }

    /** The exception for an {@code error} event in a stream (or an error object in a 200 body): status from its type. */
    public static LlmuxException fromErrorBody(String provider, @Nullable String model, AnthropicWire.@Nullable ErrorBody error) {
        String type = error == null ? null : error.type();
        String message = error == null ? null : error.message();
        ErrorDetails details = ErrorDetails.of(provider, model, statusOf(type)).withType(type, null, null);
        return ErrorClassifier.classify(details, message == null ? "stream error" + (type == null ? "" : " " + type) : message, null);
    }

    /** The HTTP status Anthropic uses for an error type. */
    public static int statusOf(@Nullable String type) {
        if (type == null) {
            return 500;
        }
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    private record Parsed(@Nullable String type, @Nullable String message) {}

    private static Parsed parse(byte[] body) {
        if (body.length == 0) {
            return new Parsed(null, null);
        }
        JsonNode root;
        try {
            root = Json.tree(body);
        } catch (JacksonException e) {
            return new Parsed(null, truncate(new String(body, StandardCharsets.UTF_8)));
        }
        JsonNode err = root.get("error");
        if (err == null || !err.isObject()) {
            String message = Json.text(root, "message");
            return new Parsed(Json.text(root, "type"), message != null ? message : truncate(root.toString()));
        }
        String message = Json.text(err, "message");
        String requestId = Json.text(root, "request_id");
        if (message != null && requestId != null) {
            message = message + " (request_id " + requestId + ")";
        }
        return new Parsed(Json.text(err, "type"), message);
    }

    /**
     * {@code retry-after-ms} / {@code retry-after} first; on a 429 without them, the earliest
     * {@code anthropic-ratelimit-*-reset} (RFC 3339) among the limits whose remaining count is 0.
     */
    static @Nullable Duration retryAfter(ResponseHead head, Instant now) {
        Duration d = RetryAfter.fromHeaders(head.header("retry-after-ms"), head.header("retry-after"), now);
        if (d != null || head.status() != 429) {
            return d;
        }
        Duration earliest = null;
        for (String kind : RATE_LIMIT_KINDS) {
            String remaining = head.header("anthropic-ratelimit-" + kind + "-remaining");
            String reset = head.header("anthropic-ratelimit-" + kind + "-reset");
            if (!"0".equals(remaining == null ? null : remaining.trim()) || reset == null) {
                continue;
            }
            try {
                Duration wait = Duration.between(now, OffsetDateTime.parse(reset.trim()).toInstant());
                wait = wait.isNegative() ? Duration.ZERO : wait;
                earliest = earliest == null || wait.compareTo(earliest) < 0 ? wait : earliest;
            } catch (DateTimeParseException ignored) {
                // an unreadable reset tells us nothing
            }
        }
        return earliest;
    }

    private static String truncate(String s) {
        String t = s.strip();
        return t.length() > 500 ? t.substring(0, 500) + "…" : t;
    }
}
