package dev.llmux.gateway.http;

import dev.llmux.error.LlmuxException;
import dev.llmux.internal.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns any failure into OpenAI's error body {@code {"error":{"message","type","param","code"}}} and a status. */
public final class ErrorBodies {

    private static final Logger log = LoggerFactory.getLogger(ErrorBodies.class);

    private ErrorBodies() {}

    /** A failure as the client sees it. {@code errorType} is also the label for metrics and spend logs. */
    public record Failure(int status, String type, @Nullable String code, @Nullable String param, String message,
            @Nullable Long retryAfterSeconds) {

        public byte[] body() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", message);
            error.put("type", type);
            error.put("param", param);
            error.put("code", code);
            return Json.write(Map.of("error", error));
        }
    }

    public static Failure of(Throwable t) {
        if (t instanceof GatewayException g) {
            return new Failure(g.status(), g.type(), g.code(), g.param(), g.getMessage(), null);
        }
        if (t instanceof LlmuxException e) {
            Long retry = e.retryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000)).orElse(null);
            String code = e.details().errorCode() != null ? e.details().errorCode() : e.details().errorType();
            return new Failure(e.status(), e.openAiType(), code, e.details().param(), e.getMessage(), retry);
        }
        log.error("unexpected failure while serving a request", t);
        return new Failure(500, "internal_server_error", null, null, "internal error in the gateway: " + t.getClass().getSimpleName(), null);
    }
}
