package dev.llmux.gateway.http;

import org.jspecify.annotations.Nullable;

/**
 * A request the gateway itself refuses (bad input, auth, limits), answered in OpenAI's error shape. Provider
 * failures travel as {@link dev.llmux.error.LlmuxException} instead.
 */
public final class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final @Nullable String code;
    private final @Nullable String param;
    private final boolean closesConnection;

    public GatewayException(int status, String type, @Nullable String code, @Nullable String param, String message) {
        this(status, type, code, param, message, false);
    }

    private GatewayException(int status, String type, @Nullable String code, @Nullable String param, String message,
            boolean closesConnection) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.closesConnection = closesConnection;
    }

    public static GatewayException badRequest(String message, @Nullable String param) {
        return new GatewayException(400, "invalid_request_error", null, param, message);
    }

    public static GatewayException unauthorized(String message) {
        return new GatewayException(401, "authentication_error", "invalid_api_key", null, message);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(403, "permission_error", "forbidden", null, message);
    }

    public static GatewayException notFound(String message, @Nullable String param) {
        return new GatewayException(404, "not_found_error", "not_found", param, message);
    }

    /**
     * A body over the size limit. {@code unread} when the gateway stopped reading it, so the connection cannot carry
     * another request and the answer closes it.
     */
    public static GatewayException tooLarge(String message, boolean unread) {
        return new GatewayException(413, "invalid_request_error", "request_too_large", null, message, unread);
    }

    public static GatewayException rateLimited(String message, String code) {
        return new GatewayException(429, "rate_limit_error", code, null, message);
    }

    public static GatewayException budgetExceeded(String message) {
        // 429 like OpenAI's insufficient_quota: the SDKs surface it as their rate-limit type, and no retry helps
        return new GatewayException(429, "budget_exceeded", "budget_exceeded", null, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public @Nullable String code() {
        return code;
    }

    public @Nullable String param() {
        return param;
    }

    /** Whether the answer must close the connection (part of the request was left unread). */
    public boolean closesConnection() {
        return closesConnection;
    }
}
