package dev.llmux.provider.cohere.internal;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.error.RetryAfter;
import dev.llmux.internal.json.Json;
import dev.llmux.transport.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Cohere's error responses ({@code {"id":…,"message":…}}) as llmux exceptions. */
public final class CohereErrors {

    private static final int MAX_RAW_BODY = 500;

    private CohereErrors() {}

    /**
     * The exception for a non-2xx response. Cohere's own statuses are folded into OpenAI's: 498 (invalid token) is
     * an authentication failure, 499 (request cancelled upstream) a retryable server error.
     */
    public static LlmuxException fromResponse(String provider, String model, ResponseHead head, byte[] body, Instant now) {
        int status = switch (head.status()) {
            case 498 -> 401;
            case 499 -> 500;
            default -> head.status();
        };
        ErrorDetails details = new ErrorDetails(provider, model, status, null, null, null,
                RetryAfter.fromHeaders(head.header("retry-after-ms"), head.header("retry-after"), now), head.headers());
        return ErrorClassifier.classify(details, message(body), null);
    }

    static @Nullable String message(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.tree(body);
            String message = Json.text(node, "message");
            if (message != null) {
                return message;
            }
            JsonNode error = node.get("error");
            if (error != null) {
                return error.isString() ? error.asString() : Json.text(error, "message");
            }
        } catch (JacksonException e) {
            // not JSON: a gateway's page or plain text
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        return raw.length() > MAX_RAW_BODY ? raw.substring(0, MAX_RAW_BODY) + "…" : raw;
    }
}
