package dev.llmux.internal.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** The current line's bytes; fields are read from them without an intermediate String per line. */
    private byte[] line = new byte[256];
    private int lineLength;
    /** The pending event's {@code data} lines, joined with LF, as bytes: copied once into the event, decoded on demand. */
    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private boolean lastWasCr;
    /** Bytes of the stream seen so far, up to 3: a UTF-8 byte order mark there is dropped, as the spec says. */
    private int position;
    private @Nullable String event;
    private @Nullable String id;
    /** The latest event name read, reused while the names repeat. */
    private @Nullable String lastEvent;
    /** The array being fed, and where in it the current line began (-1: in an earlier array). */
    private byte[] input = new byte[0];
    private int lineStart = -1;
    /** The pending event's data when it is one line lying whole in one fed array: that slice, no copy needed. */
    private byte @Nullable [] sliceArray;
    private int sliceFrom;
    private int sliceTo;

    /** Decodes a byte stream; each subscription gets its own decoder state. */
    public static Flux<SseEvent> decode(Flux<byte[]> bytes) {
        return Flux.defer(() -> {
            SseDecoder decoder = new SseDecoder();
            return bytes.concatMap(b -> {
                List<SseEvent> events = decoder.feed(b);
                // A read usually completes no event or one: empty() and just() are scalars concatMap takes
                // without subscribing, where an iterable costs a spliterator per read.
                return events.isEmpty() ? Flux.empty() : events.size() == 1 ? Flux.just(events.get(0)) : Flux.fromIterable(events);
            });
        });
    }

    /**
     * Feeds the next bytes and returns the events they complete. The events may refer to {@code bytes} instead of
     * copying them: the caller must not change the array afterwards (transports hand out fresh arrays).
     */
    public List<SseEvent> feed(byte[] bytes) {
        Events out = new Events();
        input = bytes;
        if (lineLength > 0) {
            lineStart = -1; // the current line began in an earlier array
        }
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (position < 3) {
                position++;
                if (lineLength == position - 1 && (b & 0xFF) == BOM[position - 1]) {
                    if (position == 3) {
                        lineLength = 0; // a whole BOM: drop it
                    } else {
                        append(b, i);
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
                append(b, i);
            }
        }
        return out.list();
    }

    /** True when bytes of an unfinished line or event are pending (the stream stopped mid-event). */
    public boolean hasPartialEvent() {
        return lineLength > 0 || hasData;
    }

    /** Adds {@code b}, found at {@code index} of the array being fed, to the current line. */
    private void append(byte b, int index) {
        if (lineLength == 0) {
            lineStart = index;
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void endLine(Events out) {
        int length = lineLength;
        lineLength = 0;
        if (length == 0) {
            dispatch(out);
            return;
        }
        if (line[0] == ':') {
            return;
        }
        // ':' is ASCII and never part of a multi-byte UTF-8 sequence, so the split can be done on bytes.
        int colon = indexOfColon(line, length);
        int fieldEnd = colon < 0 ? length : colon;
        int valueStart = colon < 0 ? length : colon + 1;
        if (valueStart < length && line[valueStart] == ' ') {
            valueStart++;
        }
        if (isField(DATA, fieldEnd)) {
            if (!hasData && lineStart >= 0) {
                sliceArray = input; // the line's bytes are input[lineStart, lineStart + length)
                sliceFrom = lineStart + valueStart;
                sliceTo = lineStart + length;
            } else {
                sliceArray = null; // a second data line, or one that spans arrays: joined in the data buffer
            }
            appendData(valueStart, length);
        } else if (isField(EVENT, fieldEnd)) {
            event = lastEvent = sameOrNew(valueStart, length, lastEvent);
        } else if (isField(ID, fieldEnd)) {
            id = new String(line, valueStart, length - valueStart, StandardCharsets.UTF_8);
        }
        // "retry" and unknown fields are ignored
    }

    /** {@code line[from, to)} as text: {@code previous} itself when it is the same ASCII text (event names repeat). */
    private String sameOrNew(int from, int to, @Nullable String previous) {
        if (previous != null && previous.length() == to - from) {
            int i = 0;
            while (i < to - from && line[from + i] >= 0 && line[from + i] == previous.charAt(i)) {
                i++;
            }
            if (i == to - from) {
                return previous;
            }
        }
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};

    private boolean isField(byte[] name, int fieldLength) {
        return fieldLength == name.length && Arrays.equals(line, 0, fieldLength, name, 0, fieldLength);
    }

    private static int indexOfColon(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private void appendData(int from, int to) {
        int needed = dataLength + (hasData ? 1 : 0) + (to - from);
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, from, data, dataLength, to - from);
        dataLength += to - from;
        hasData = true;
    }

    private void dispatch(Events out) {
        if (hasData) {
            String name = event == null || event.isEmpty() ? null : event;
            out.add(sliceArray != null
                    ? new SseEvent(name, sliceArray, sliceFrom, sliceTo - sliceFrom, id)
                    : new SseEvent(name, Arrays.copyOf(data, dataLength), 0, dataLength, id));
        }
        sliceArray = null;
        hasData = false;
        dataLength = 0;
        event = null;
    }

    /** The events one feed completes: usually none or one, so no list is built for those. */
    private static final class Events {
        private @Nullable SseEvent first;
        private @Nullable List<SseEvent> more;

        void add(SseEvent e) {
            if (first == null) {
                first = e;
            } else {
                if (more == null) {
                    more = new ArrayList<>(4);
                    more.add(first);
                }
                more.add(e);
            }
        }

        List<SseEvent> list() {
            return more != null ? more : first != null ? List.of(first) : List.of();
        }
    }
}
