package dev.llmux.provider.bedrock.internal;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
        Objects.requireNonNull(headers, "headers");
        headers = headers instanceof Owned ? headers : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        Objects.requireNonNull(payload, "payload");
    }

    /** A message over a header map the caller built and hands over (keeps no reference to): not copied again. */
    static EventStreamMessage owning(LinkedHashMap<String, Object> headers, byte[] payload) {
        return new EventStreamMessage(new Owned(headers), payload);
    }

    /** A read-only view over a map that only this message holds, so the record need not copy it. */
    private static final class Owned extends AbstractMap<String, Object> {
        private final Map<String, Object> map;

        Owned(Map<String, Object> map) {
            this.map = map;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.unmodifiableMap(map).entrySet();
        }

        @Override
        public @Nullable Object get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }
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
