package dev.llmux.provider.bedrock.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One decoded {@code application/vnd.amazon.eventstream} message.
 *
 * @param headers header values by name, in wire order: {@code Boolean}, {@code Byte}, {@code Short},
 *     {@code Integer}, {@code Long}, {@code byte[]}, {@code String}, {@code java.time.Instant} (timestamp) or
 *     {@code java.util.UUID}
 * @param payload the payload bytes (JSON for Bedrock)
 */
public record EventStreamMessage(Map<String, Object> headers, byte[] payload) {

    public EventStreamMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(payload, "payload");
    }

    /** A string header, or null when absent or of another type. */
    public @Nullable String stringHeader(String name) {
        return headers.get(name) instanceof String s ? s : null;
    }

    /** {@code :message-type}: {@code event}, {@code exception} or {@code error}. */
    public @Nullable String messageType() {
        return stringHeader(":message-type");
    }

    /** {@code :event-type} of an event message. */
    public @Nullable String eventType() {
        return stringHeader(":event-type");
    }

    /** {@code :exception-type} of an exception message. */
    public @Nullable String exceptionType() {
        return stringHeader(":exception-type");
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EventStreamMessage" + headers + " payload=" + payload.length + "B";
    }
}
