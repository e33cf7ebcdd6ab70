package dev.llmux.provider.ollama.internal;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.error.RetryAfter;
import dev.llmux.internal.json.Json;
import dev.llmux.transport.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Ollama's errors ({@code {"error":"model 'x' not found"}}) as llmux exceptions. */
public final class OllamaErrors {

    private static final int MAX_RAW_BODY = 500;

    private OllamaErrors() {}

    /** The exception for a non-2xx response. */
    public static LlmuxException fromResponse(String provider, String model, ResponseHead head, byte[] body, Instant now) {
        ErrorDetails details = new ErrorDetails(provider, model, head.status(), null, null, null,
                RetryAfter.fromHeaders(head.header("retry-after-ms"), head.header("retry-after"), now), head.headers());
        return ErrorClassifier.classify(details, message(body), null);
    }

    /**
     * The exception for an {@code error} that arrived in a 200 body or as an NDJSON line, where no status says what
     * kind it is: the text decides ("not found" → 404, rate words → 429, context overflow → 400, else 500).
     */
    public static LlmuxException fromErrorNode(String provider, String model, JsonNode error) {
        String message = error.isString() ? error.asString() : Json.text(error, "message");
        if (message == null) {
            message = error.toString();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        int status = lower.contains("not found") ? 404 : ErrorClassifier.isContextWindow(lower) ? 400 : 500;
        return ErrorClassifier.classify(ErrorDetails.of(provider, model, status), message, null);
    }

    /** The {@code error} text of a body, or the raw body (shortened) when it is not Ollama's JSON. */
    static @Nullable String message(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.tree(body);
            JsonNode error = node.get("error");
            if (error != null && error.isString()) {
                return error.asString();
            }
            if (error != null && error.isObject() && Json.text(error, "message") != null) {
                return Json.text(error, "message"); // Ollama's /v1 and proxies in front of it
            }
        } catch (JacksonException e) {
            // not JSON: a proxy's HTML page or plain text
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        return raw.length() > MAX_RAW_BODY ? raw.substring(0, MAX_RAW_BODY) + "…" : raw;
    }
}
