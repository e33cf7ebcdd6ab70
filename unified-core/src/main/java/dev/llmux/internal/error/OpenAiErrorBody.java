package dev.llmux.internal.error;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Maps an error response in OpenAI's shape ({@code {"error":{"message","type","param","code"}}}), which the
 * OpenAI-compatible family and Azure also use, including a body that is not JSON at all.
 */
public final class OpenAiErrorBody {

    private OpenAiErrorBody() {}

    /** The exception for an HTTP error response. */
    public static LlmuxException toException(
            String provider, @Nullable String model, int status, Map<String, List<String>> headers, byte[] body, Instant now) {
        ErrorDetails details = new ErrorDetails(provider, model, status, null, null, null, null, headers);
        Duration retryAfter = RetryAfter.fromHeaders(details.header("retry-after-ms"), details.header("retry-after"), now);
        details = details.withRetryAfter(retryAfter);
        Parsed parsed = parse(body);
        details = details.withType(parsed.type, parsed.code, parsed.param);
        return ErrorClassifier.classify(details, parsed.message, null);
    }

    /** The exception for an {@code {"error":…}} object that arrived inside a 200 stream or body. */
    public static LlmuxException fromErrorNode(String provider, @Nullable String model, JsonNode errorNode) {
        Parsed parsed = parseErrorNode(errorNode);
        int status = parsed.status != null ? parsed.status : statusFromType(parsed.type, parsed.code);
        ErrorDetails details = ErrorDetails.of(provider, model, status).withType(parsed.type, parsed.code, parsed.param);
        return ErrorClassifier.classify(details, parsed.message, null);
    }

    private static int statusFromType(@Nullable String type, @Nullable String code) {
        String t = (type == null ? "" : type) + " " + (code == null ? "" : code);
        // OpenAI's rate-limit errors carry type "tokens" or "requests"; match those exactly, since "max_tokens"
        // in a code is an invalid request, not a rate limit
        if (t.contains("rate_limit") || t.contains("insufficient_quota") || "tokens".equals(type) || "requests".equals(type)) {
            return 429;
        }
        if (t.contains("invalid_request") || t.contains("context_length")) {
            return 400;
        }
        if (t.contains("overloaded") || t.contains("unavailable")) {
            return 503;
        }
        return 500;
    }

    record Parsed(@Nullable String message, @Nullable String type, @Nullable String code, @Nullable String param, @Nullable Integer status) {}

    static Parsed parse(byte[] body) {
        if (body.length == 0) {
            return new Parsed(null, null, null, null, null);
        }
        JsonNode root;
        try {
            root = Json.tree(body);
        } catch (JacksonException e) {
            return new Parsed(truncate(new String(body, StandardCharsets.UTF_8)), null, null, null, null);
        }
        if (root.isArray() && !root.isEmpty() && root.get(0).isObject()) {
            // Google sometimes wraps the error object in a one-element array
            root = root.get(0);
        }
        JsonNode err = root.get("error");
        if (err != null && err.isObject()) {
            return parseErrorNode(err);
        }
        if (err != null && err.isString()) {
            return new Parsed(err.asString(), Json.text(root, "type"), Json.text(root, "code"), null, null);
        }
        String message = Json.text(root, "message");
        if (message == null) {
            message = Json.text(root, "detail");
        }
        return new Parsed(message != null ? message : truncate(root.toString()), Json.text(root, "type"), Json.text(root, "code"), null, null);
    }

    static Parsed parseErrorNode(JsonNode err) {
        String message = Json.text(err, "message");
        String type = Json.text(err, "type");
        JsonNode codeNode = err.get("code");
        String code = codeNode == null || codeNode.isNull() ? null : codeNode.asString();
        Integer status = codeNode != null && codeNode.isIntegralNumber() ? codeNode.asInt() : null;
        // Azure's content filter puts the detail in innererror
        JsonNode inner = err.get("innererror");
        if (inner != null && inner.isObject() && Json.text(inner, "code") != null) {
            code = code == null ? Json.text(inner, "code") : code + "/" + Json.text(inner, "code");
        }
        return new Parsed(message, type, code, Json.text(err, "param"), status);
    }

    private static String truncate(String s) {
        String t = s.strip();
        return t.length() > 500 ? t.substring(0, 500) + "…" : t;
    }
}
