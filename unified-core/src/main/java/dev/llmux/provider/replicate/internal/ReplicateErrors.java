package dev.llmux.provider.replicate.internal;

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

/** Replicate's HTTP errors (problem details: {@code {"title","detail","status"}}) as llmux exceptions. */
public final class ReplicateErrors {

    private static final int MAX_RAW_BODY = 500;

    private ReplicateErrors() {}

    public static LlmuxException fromResponse(String provider, String model, ResponseHead head, byte[] body, Instant now) {
        ErrorDetails details = new ErrorDetails(provider, model, head.status(), null, null, null,
                RetryAfter.fromHeaders(head.header("retry-after-ms"), head.header("retry-after"), now), head.headers());
        return ErrorClassifier.classify(details, message(body), null);
    }

    /** The error an SSE {@code error} event carries: {@code {"detail":…}} or plain text. */
    public static String streamErrorText(String data) {
        try {
            JsonNode node = Json.tree(data);
            String detail = Json.text(node, "detail");
            if (detail != null) {
                return detail;
            }
        } catch (JacksonException e) {
            // plain text
        }
        return data;
    }

    static @Nullable String message(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.tree(body);
            String detail = Json.text(node, "detail");
            String title = Json.text(node, "title");
            if (detail != null || title != null) {
                return title == null ? detail : detail == null ? title : title + ": " + detail;
            }
        } catch (JacksonException e) {
            // not JSON
        }
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        return raw.length() > MAX_RAW_BODY ? raw.substring(0, MAX_RAW_BODY) + "…" : raw;
    }
}
