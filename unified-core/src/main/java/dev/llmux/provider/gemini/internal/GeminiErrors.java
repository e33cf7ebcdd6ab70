package dev.llmux.provider.gemini.internal;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.error.RetryAfter;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Google RPC errors ({@code {"error":{"code","message","status","details":[…]}}}, sometimes wrapped in an array)
 * → llmux exceptions, for AI Studio and Vertex AI.
 *
 * <p>Beyond {@link ErrorClassifier}'s shared rules: {@code google.rpc.RetryInfo.retryDelay} is the retry-after
 * (Google sends no rate-limit headers); a {@code QuotaFailure} on a per-day quota is an exhausted quota, which
 * waiting minutes will not fix; "API key not valid" (a 400 on AI Studio) is a 401; and LiteLLM's Vertex strings
 * (§2.2 of its inventory) keep their meaning.
 */
public final class GeminiErrors {

    private static final int MAX_RAW = 500;

    private GeminiErrors() {}

    public static LlmuxException map(ProviderCall call, ResponseHead head, byte[] body) {
        return map(call, head.status(), head.headers(), body);
    }

    public static LlmuxException map(ProviderCall call, int httpStatus, Map<String, List<String>> headers, byte[] body) {
        JsonNode error = errorNode(body);
        if (error == null) {
            String raw = new String(body, StandardCharsets.UTF_8).strip();
            return fromParts(call, httpStatus, headers, raw.length() > MAX_RAW ? raw.substring(0, MAX_RAW) + "…" : raw, null);
        }
        return fromError(call, httpStatus, headers, error);
    }

    /** An error object (in an error body, or inside a 200 stream, where its {@code code} is the status). */
    public static LlmuxException fromError(ProviderCall call, int httpStatus, Map<String, List<String>> headers, JsonNode error) {
        int status = error.path("code").isInt() && error.path("code").asInt() >= 400 ? error.path("code").asInt() : httpStatus;
        if (httpStatus >= 400 && httpStatus != status && !(httpStatus >= 500 && status == 429)) {
            status = httpStatus; // trust the HTTP status, except a 5xx whose body says 429 (LiteLLM does the same)
        }
        if (status < 400) {
            status = 500; // an error object in a 200 stream without a usable code
        }
        return fromParts(call, status, headers, Json.text(error, "message"), error);
    }

    private static LlmuxException fromParts(ProviderCall call, int status, Map<String, List<String>> headers,
            @Nullable String message, @Nullable JsonNode error) {
        String rpcStatus = error == null ? null : Json.text(error, "status");
        String reason = null;
        Duration retryAfter = null;
        boolean perDay = false;
        boolean quotaFailure = false;
        if (error != null) {
            for (JsonNode d : error.path("details")) {
                String type = d.path("@type").asString("");
                if (type.endsWith("google.rpc.RetryInfo")) {
                    retryAfter = RetryAfter.parseDuration(d.path("retryDelay").asString(null));
                } else if (type.endsWith("google.rpc.QuotaFailure")) {
                    quotaFailure = true;
                    for (JsonNode v : d.path("violations")) {
                        String quota = v.path("quotaId").asString("") + " " + v.path("quotaMetric").asString("");
                        perDay |= quota.toLowerCase(Locale.ROOT).contains("perday");
                    }
                } else if (type.endsWith("google.rpc.ErrorInfo")) {
                    reason = d.path("reason").asString(null);
                }
            }
        }
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        status = adjustStatus(status, rpcStatus, reason, lower);
        ErrorDetails details = new ErrorDetails(call.provider(), call.model(), status, rpcStatus, reason, null, retryAfter, headers);
        LlmuxException e = ErrorClassifier.classify(details, message, null);
        if (quotaFailure && e instanceof RateLimitException r && r.isQuotaExhausted() != perDay) {
            // Google words every 429 "You exceeded your current quota": only a per-day quota is really exhausted
            // for the day; a per-minute one clears after retryDelay.
            return new RateLimitException(e.getMessage(), e.details(), perDay, null);
        }
        return e;
    }

    private static int adjustStatus(int status, @Nullable String rpcStatus, @Nullable String reason, String lowerMessage) {
        if ("API_KEY_INVALID".equals(reason) || lowerMessage.contains("api key not valid") || lowerMessage.contains("api key expired")) {
            return 401;
        }
        if ("RESOURCE_EXHAUSTED".equals(rpcStatus) || lowerMessage.contains("quota exceeded for")
                || lowerMessage.contains("temporarily out of capacity")) {
            return 429;
        }
        if (lowerMessage.contains("vertex ai api has not been used in project") || lowerMessage.contains("unable to find your project")) {
            return 400;
        }
        if (lowerMessage.contains("none unknown error") || lowerMessage.contains("content has no parts")) {
            return 500;
        }
        return status;
    }

    private static @Nullable JsonNode errorNode(byte[] body) {
        try {
            JsonNode node = Json.tree(body);
            if (node.isArray() && !node.isEmpty()) {
                node = node.get(0); // streamGenerateContent without alt=sse answers errors as a one-element array
            }
            JsonNode error = node.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
