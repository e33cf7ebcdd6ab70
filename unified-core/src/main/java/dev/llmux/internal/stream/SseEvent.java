package dev.llmux.internal.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One server-sent event: its {@code event:} name (null for the default "message"), its {@code data:} lines joined
 * with {@code \n}, and its {@code id:} field (or null). Immutable; equal when name, data and id are.
 *
 * <p>An event from {@link SseDecoder} keeps its data as the UTF-8 bytes that arrived (often a slice of the network
 * buffer itself) and decodes them to a String only when {@link #data()} is first asked for: a stream decoder that
 * parses JSON straight from {@link #dataArray()} never builds the String.
 */
public final class SseEvent {

    private static final byte[] DONE = {'[', 'D', 'O', 'N', 'E', ']'};

    private final @Nullable String event;
    private final @Nullable String id;
    private final byte @Nullable [] bytes;
    private final int offset;
    private final int length;
    private @Nullable String data;

    public SseEvent(@Nullable String event, String data, @Nullable String id) {
        this.event = event;
        this.data = Objects.requireNonNull(data, "data");
        this.id = id;
        this.bytes = null;
        this.offset = 0;
        this.length = 0;
    }

    /** An event over UTF-8 data in {@code array[offset, offset + length)}, bytes nobody changes any more. */
    SseEvent(@Nullable String event, byte[] array, int offset, int length, @Nullable String id) {
        this.event = event;
        this.bytes = array;
        this.offset = offset;
        this.length = length;
        this.id = id;
    }

    /** The {@code event:} name, or null (the default "message"). */
    public @Nullable String event() {
        return event;
    }

    /** The {@code data:} lines joined with {@code \n}. */
    public String data() {
        String d = data;
        if (d == null) {
            d = new String(bytes, offset, length, StandardCharsets.UTF_8);
            data = d; // racy but idempotent: every thread computes the same String
        }
        return d;
    }

    /** The data as UTF-8 bytes (a fresh array). */
    public byte[] dataBytes() {
        return bytes != null ? Arrays.copyOfRange(bytes, offset, offset + length) : data().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The array holding the UTF-8 data, from {@link #dataOffset()} for {@link #dataLength()} bytes: for an event
     * decoded from a stream, the very bytes that arrived (no copy). Read it, never change it.
     */
    public byte[] dataArray() {
        return bytes != null ? bytes : dataBytes();
    }

    /** Where the data starts in {@link #dataArray()}. */
    public int dataOffset() {
        return bytes != null ? offset : 0;
    }

    /** The data's length in bytes within {@link #dataArray()}. */
    public int dataLength() {
        return bytes != null ? length : dataArray().length;
    }

    /** The {@code id:} field, or null. */
    public @Nullable String id() {
        return id;
    }

    /** True for OpenAI's terminator {@code data: [DONE]}. */
    public boolean isDone() {
        return bytes != null ? Arrays.equals(bytes, offset, offset + length, DONE, 0, DONE.length) : "[DONE]".equals(data);
    }

    /** {@code data().isBlank()}, without decoding ASCII data. */
    public boolean isBlank() {
        if (bytes == null) {
            return data().isBlank();
        }
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b < 0) {
                return data().isBlank(); // non-ASCII: let String decide what is whitespace
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEvent e && Objects.equals(event, e.event) && data().equals(e.data()) && Objects.equals(id, e.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data(), id);
    }

    @Override
    public String toString() {
        return "SseEvent[event=" + event + ", data=" + data() + ", id=" + id + "]";
    }
}
