package dev.llmux.provider.bedrock.internal;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
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

    /**
     * A message over headers the caller parsed and hands over (keeps no reference to): names and values in wire
     * order in the first {@code count} slots, names distinct. Not copied into a map.
     */
    static EventStreamMessage owning(String[] names, Object[] values, int count, byte[] payload) {
        return new EventStreamMessage(new Owned(names, values, count), payload);
    }

    /**
     * A read-only map over the handed-over arrays: a frame has a handful of headers, so a linear look-up beats a
     * hash table built per frame. Equality, hash code and text are those of any map with the same entries.
     */
    private static final class Owned extends AbstractMap<String, Object> {
        private final String[] names;
        private final Object[] values;
        private final int count;

        Owned(String[] names, Object[] values, int count) {
            this.names = names;
            this.values = values;
            this.count = count;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < count;
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= count) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return count;
                }
            };
        }

        @Override
        public @Nullable Object get(Object key) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(key)) {
                    return values[i];
                }
            }
            return null;
        }

        @Override
        public boolean containsKey(Object key) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(key)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int size() {
            return count;
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
