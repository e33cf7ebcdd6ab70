package dev.llmux.internal.stream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * A byte-level decoder for {@code text/event-stream}, per the WHATWG algorithm: lines end in LF, CR or CRLF (even
 * when the CR and LF arrive in different buffers), {@code data:} lines of one event are joined with LF, lines
 * starting with a colon are comments ({@code : keep-alive}, {@code : OPENROUTER PROCESSING}) and are skipped, a
 * blank line dispatches. Not thread-safe: one instance per stream.
 */
public final class SseDecoder {

    private static final int[] BOM = {0xEF, 0xBB, 0xBF};

    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    /** Bytes of the stream seen so far, up to 3: a UTF-8 byte order mark there is dropped, as the spec says. */
    private int position;
    private @Nullable String event;
    private @Nullable String id;
    private @Nullable StringBuilder data;

    /** Decodes a byte stream; each subscription gets its own decoder state. */
    public static Flux<SseEvent> decode(Flux<byte[]> bytes) {
        return Flux.defer(() -> {
            SseDecoder decoder = new SseDecoder();
            return bytes.concatMapIterable(decoder::feed);
        });
    }

    /** Feeds the next bytes and returns the events they complete. */
    public List<SseEvent> feed(byte[] bytes) {
        List<SseEvent> out = new ArrayList<>(2);
        for (byte b : bytes) {
            if (position < 3) {
                position++;
                if (line.size() == position - 1 && (b & 0xFF) == BOM[position - 1]) {
                    if (position == 3) {
                        line.reset(); // a whole BOM: drop it
                    } else {
                        line.write(b);
                    }
                    continue;
                }
                position = 3; // not a BOM: whatever was held back is ordinary text, already in line
            }
            if (b == '\n') {
                if (lastWasCr) {
                    lastWasCr = false;
                    continue; // the LF of a CRLF whose CR already ended the line
                }
                endLine(out);
            } else if (b == '\r') {
                lastWasCr = true;
                endLine(out);
            } else {
                lastWasCr = false;
                line.write(b);
            }
        }
        return out;
    }

    /** True when bytes of an unfinished line or event are pending (the stream stopped mid-event). */
    public boolean hasPartialEvent() {
        return line.size() > 0 || data != null;
    }

    private void endLine(List<SseEvent> out) {
        if (line.size() == 0) {
            dispatch(out);
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            case "event" -> event = value;
            case "id" -> id = value;
            default -> {
                // "retry" and unknown fields are ignored
            }
        }
    }

    private void dispatch(List<SseEvent> out) {
        if (data != null) {
            out.add(new SseEvent(event == null || event.isEmpty() ? null : event, data.toString(), id));
        }
        data = null;
        event = null;
    }
}
