package dev.llmux.provider.bedrock.internal;

import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.internal.error.ErrorClassifier;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import dev.llmux.transport.ResponseHead;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Bedrock's errors as llmux exceptions. Bedrock names the error in {@code x-amzn-ErrorType}
 * ({@code ThrottlingException:http://internal.amazon.com/…}) or a body {@code __type}, with
 * {@code {"message":…}} (sometimes {@code Message}); in a stream, as an exception frame whose
 * {@code :exception-type} is the lower-camel member name. The status an error is classified under comes from
 * its type where the type decides (auth failures arrive as 403 but are 401s; model failures behind Bedrock are
 * 502s), else from HTTP.
 */
public final class BedrockErrors {

    private BedrockErrors() {}

    /** The error for a non-2xx HTTP response. */
    public static LlmuxException fromHttp(ProviderCall call, ResponseHead head, byte[] body) {
        String type = errorType(head.header("x-amzn-ErrorType"));
        String message = null;
        JsonNode json = tryParse(body);
        if (json != null && json.isObject()) {
            if (type == null) {
                type = errorType(Json.text(json, "__type"));
            }
            message = Json.text(json, "message");
            if (message == null) {
                message = Json.text(json, "Message");
            }
        }
        if (message == null && body.length > 0) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            message = text.length() > 500 ? text.substring(0, 500) + "…" : text;
        }
        return classify(call, type, head.status(), message, head.headers());
    }

    /** The error for an in-stream {@code exception} frame ({@code :exception-type} is lower camel case). */
    public static LlmuxException fromExceptionFrame(ProviderCall call, EventStreamMessage frame) {
        String type = frame.exceptionType();
        String typeName = type == null || type.isEmpty() ? null : Character.toUpperCase(type.charAt(0)) + type.substring(1);
        String message = null;
        JsonNode json = tryParse(frame.payload());
        if (json != null && json.isObject()) {
            message = Json.text(json, "message");
            if (message == null) {
                message = Json.text(json, "Message");
            }
            String original = Json.text(json, "originalMessage");
            if (original != null) {
                message = (message == null ? "" : message + ": ") + original;
            }
        }
        return classify(call, typeName, statusOf(typeName, 500), message, Map.of());
    }

    /** The error for an unmodeled {@code error} frame ({@code :error-code}, {@code :error-message}). */
    public static LlmuxException fromErrorFrame(ProviderCall call, EventStreamMessage frame) {
        String code = frame.stringHeader(":error-code");
        return classify(call, code, statusOf(code, 500), frame.stringHeader(":error-message"), Map.of());
    }

    static LlmuxException classify(ProviderCall call, @Nullable String type, int httpStatus, @Nullable String message,
            Map<String, java.util.List<String>> headers) {
        int status = statusOf(type, httpStatus);
        ErrorDetails details = new ErrorDetails(call.provider(), call.model(), status, type, null, null, null, headers);
        return ErrorClassifier.classify(details, message, null);
    }

    /** The status an error type stands for, else {@code fallback}. */
    static int statusOf(@Nullable String type, int fallback) {
        if (type == null) {
            return fallback;
        }
        return switch (type) {
            case "ValidationException" -> 400;
            // Bad or expired credentials come back as 403; they are authentication failures, not missing permissions.
            case "UnrecognizedClientException", "ExpiredTokenException", "ExpiredToken", "InvalidSignatureException",
                    "IncompleteSignatureException", "MissingAuthenticationTokenException", "InvalidClientTokenId",
                    "SignatureDoesNotMatch" -> 401;
            case "AccessDeniedException" -> 403;
            case "ResourceNotFoundException" -> 404;
            case "ModelTimeoutException" -> 408;
            case "ThrottlingException", "ModelNotReadyException", "TooManyRequestsException" -> 429;
            case "InternalServerException", "InternalFailure" -> 500;
            // The model behind Bedrock failed (424 on the wire): an upstream failure, which a retry may fix.
            case "ModelErrorException", "ModelStreamErrorException" -> 502;
            case "ServiceUnavailableException", "ServiceUnavailable" -> 503;
            default -> fallback;
        };
    }

    /** The code before {@code :} of {@code x-amzn-ErrorType}, or after {@code #} of a namespaced {@code __type}. */
    static @Nullable String errorType(@Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String t = raw.strip();
        int colon = t.indexOf(':');
        if (colon >= 0) {
            t = t.substring(0, colon);
        }
        int hash = t.lastIndexOf('#');
        if (hash >= 0) {
            t = t.substring(hash + 1);
        }
        return t.isEmpty() ? null : t;
    }

    private static @Nullable JsonNode tryParse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.tree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
