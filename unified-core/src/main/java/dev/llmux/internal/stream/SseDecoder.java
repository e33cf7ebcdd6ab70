package dev.llmux.internal.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
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
    private static final byte[] NONE = new byte[0];

    /**
     * The bytes of a line that began in an earlier array and has not ended yet; a line lying whole in one array is
     * read where it lies.
     */
    private byte[] pending = NONE; // both buffers are made when first needed: most events need neither
    private int pendingLength;
    /** The event's {@code data} lines joined with LF, when they cannot be pointed at (more lines, or a carried line). */
    private byte[] data = NONE;
    private int dataLength;
    private boolean hasData;
    private boolean lastWasCr;
    /** Bytes of a byte order mark seen at the start of the stream, up to 3; 3 once past it (or when there is none). */
    private int bomSeen;
    private @Nullable String event;
    private @Nullable String id;
    /** The latest event name read, reused while the names repeat. */
    private @Nullable String lastEvent;
    /** The pending event's data when it is one line lying whole in one fed array: that slice, no copy needed. */
    private byte @Nullable [] sliceArray;
    private int sliceFrom;
    private int sliceTo;

    /** Decodes a byte stream; each subscription gets its own decoder state. */
    public static Flux<SseEvent> decode(Flux<byte[]> bytes) {
        return decode(bytes, (event, out) -> out.accept(event));
    }

    /** What a stream makes of one event: nothing, one item or several, handed to {@code out} in order. */
    @FunctionalInterface
    public interface EventHandler<T> {
        void onEvent(SseEvent event, Consumer<T> out);
    }

    /**
     * Decodes a byte stream and hands each event to {@code handler}, emitting what it makes of them: one operator per
     * read, where decoding and then mapping events as operators of their own costs several per event. When the
     * handler throws, the items it made of the read's earlier events still go out, then the error.
     */
    public static <T> Flux<T> decode(Flux<byte[]> bytes, EventHandler<T> handler) {
        return Flux.defer(() -> {
            SseDecoder decoder = new SseDecoder();
            return bytes.concatMap(b -> {
                List<SseEvent> events = decoder.feed(b);
                Items<T> out = new Items<>();
                for (int i = 0; i < events.size(); i++) {
                    try {
                        handler.onEvent(events.get(i), out);
                    } catch (RuntimeException e) {
                        return out.flux().concatWith(Flux.error(e));
                    }
                }
                return out.flux();
            });
        });
    }

    /**
     * Feeds the next bytes and returns the events they complete. The events may refer to {@code bytes} instead of
     * copying them: the caller must not change the array afterwards (transports hand out fresh arrays).
     */
    public List<SseEvent> feed(byte[] bytes) {
        Items<SseEvent> out = new Items<>();
        int i = bomSeen < 3 ? skipByteOrderMark(bytes) : 0;
        int n = bytes.length;
        while (i < n) {
            if (lastWasCr) {
                lastWasCr = false;
                if (bytes[i] == '\n') {
                    i++; // the LF of a CRLF whose CR already ended the line
                    continue;
                }
            }
            int end = lineEnd(bytes, i, n);
            if (end == n) {
                carry(bytes, i, n); // the line goes on in the next array
                break;
            }
            if (pendingLength > 0) {
                carry(bytes, i, end);
                int length = pendingLength;
                pendingLength = 0;
                line(pending, 0, length, false, out);
            } else {
                line(bytes, i, end, true, out);
            }
            lastWasCr = bytes[end] == '\r';
            i = end + 1;
        }
        return out.list();
    }

    /**
     * Where the first LF or CR at or after {@code i} is, or {@code n}: eight bytes at a time (a word has a byte
     * equal to b when {@code (w ^ b…) - 0x01…} borrows into that byte's top bit; the lowest such byte is exact).
     */
    static int lineEnd(byte[] bytes, int i, int n) {
        while (n - i >= Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long lf = word ^ LFS;
            long cr = word ^ CRS;
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & TOPS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < n && bytes[i] != '\n' && bytes[i] != '\r') {
            i++;
        }
        return i;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long TOPS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    /** True when bytes of an unfinished line or event are pending (the stream stopped mid-event). */
    public boolean hasPartialEvent() {
        return pendingLength > 0 || hasData;
    }

    /**
     * At the start of the stream: holds back bytes that may begin a byte order mark (as the start of the first
     * line) and drops a whole one, as the spec says; answers where ordinary reading resumes.
     */
    private int skipByteOrderMark(byte[] bytes) {
        int i = 0;
        while (bomSeen < 3 && i < bytes.length) {
            if ((bytes[i] & 0xFF) != BOM[bomSeen]) {
                bomSeen = 3; // not a BOM: what was held back is ordinary text, already pending
                return i;
            }
            bomSeen++;
            carry(bytes, i, i + 1);
            i++;
        }
        if (bomSeen == 3) {
            pendingLength = 0; // a whole BOM: drop it
        }
        return i;
    }

    /** Adds {@code bytes[from, to)} to the line carried over from earlier arrays. */
    private void carry(byte[] bytes, int from, int to) {
        int needed = pendingLength + (to - from);
        if (needed > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(Math.max(needed, 256), pending.length * 2));
        }
        System.arraycopy(bytes, from, pending, pendingLength, to - from);
        pendingLength = needed;
    }

    /**
     * One line, {@code a[from, to)} without its end; {@code stays} when {@code a} is a fed array (its bytes do not
     * change, so the data can point at them) rather than the carry buffer.
     */
    private void line(byte[] a, int from, int to, boolean stays, Items<SseEvent> out) {
        if (from == to) {
            dispatch(out);
            return;
        }
        if (a[from] == ':') {
            return;
        }
        // ':' is ASCII and never part of a multi-byte UTF-8 sequence, so the split can be done on bytes.
        int colon = indexOfColon(a, from, to);
        int fieldEnd = colon < 0 ? to : colon;
        int valueStart = colon < 0 ? to : colon + 1;
        if (valueStart < to && a[valueStart] == ' ') {
            valueStart++;
        }
        int fieldLength = fieldEnd - from;
        if (isField(DATA, a, from, fieldLength)) {
            appendData(a, valueStart, to, stays);
        } else if (isField(EVENT, a, from, fieldLength)) {
            event = lastEvent = sameOrNew(a, valueStart, to, lastEvent);
        } else if (isField(ID, a, from, fieldLength)) {
            id = new String(a, valueStart, to - valueStart, StandardCharsets.UTF_8);
        }
        // "retry" and unknown fields are ignored
    }

    /** {@code a[from, to)} as text: {@code previous} itself when it is the same ASCII text (event names repeat). */
    private static String sameOrNew(byte[] a, int from, int to, @Nullable String previous) {
        if (previous != null && previous.length() == to - from) {
            int i = 0;
            while (i < to - from && a[from + i] >= 0 && a[from + i] == previous.charAt(i)) {
                i++;
            }
            if (i == to - from) {
                return previous;
            }
        }
        return new String(a, from, to - from, StandardCharsets.UTF_8);
    }

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};

    private static boolean isField(byte[] name, byte[] a, int from, int fieldLength) {
        return fieldLength == name.length && Arrays.equals(a, from, from + fieldLength, name, 0, fieldLength);
    }

    private static int indexOfColon(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** A {@code data} value: pointed at when it is the event's only line so far and lies in a fed array, else joined. */
    private void appendData(byte[] a, int from, int to, boolean stays) {
        if (!hasData) {
            hasData = true;
            if (stays) {
                sliceArray = a;
                sliceFrom = from;
                sliceTo = to;
                return;
            }
            join(a, from, to);
            return;
        }
        byte[] slice = sliceArray;
        if (slice != null) { // a second line: the first one moves into the buffer
            sliceArray = null;
            join(slice, sliceFrom, sliceTo);
        }
        ensureData(1);
        data[dataLength++] = '\n';
        join(a, from, to);
    }

    private void join(byte[] a, int from, int to) {
        ensureData(to - from);
        System.arraycopy(a, from, data, dataLength, to - from);
        dataLength += to - from;
    }

    private void ensureData(int more) {
        if (dataLength + more > data.length) {
            data = Arrays.copyOf(data, Math.max(Math.max(dataLength + more, 256), data.length * 2));
        }
    }

    private void dispatch(Items<SseEvent> out) {
        if (hasData) {
            String name = event == null || event.isEmpty() ? null : event;
            out.accept(sliceArray != null
                    ? new SseEvent(name, sliceArray, sliceFrom, sliceTo - sliceFrom, id)
                    : new SseEvent(name, Arrays.copyOf(data, dataLength), 0, dataLength, id));
        }
        sliceArray = null;
        hasData = false;
        dataLength = 0;
        event = null;
    }

    /** What one read yields, without a list for the usual none or one. */
    private static final class Items<T> implements Consumer<T> {
        private @Nullable T first;
        private @Nullable List<T> more;

        @Override
        public void accept(T item) {
            if (first == null) {
                first = item;
            } else {
                if (more == null) {
                    more = new ArrayList<>(4);
                    more.add(first);
                }
                more.add(item);
            }
        }

        List<T> list() {
            return more != null ? more : first != null ? List.of(first) : List.of();
        }

        /** empty() and just() are scalars concatMap takes without subscribing; an iterable costs a spliterator. */
        Flux<T> flux() {
            return more != null ? Flux.fromIterable(more) : first != null ? Flux.just(first) : Flux.empty();
        }
    }
}
