package dev.llmux.provider.bedrock.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * Incremental decoder of AWS's binary event-stream framing (wire-formats §5.4):
 * {@code total_length u32 | headers_length u32 | prelude_crc u32 | headers | payload | message_crc u32}, all
 * big-endian, both CRCs CRC32 (IEEE). Network buffers may split a frame anywhere or carry several; the decoder
 * keeps the unfinished tail. A frame that fails a check throws {@link CorruptFrameException}: a corrupt frame is
 * an error, never garbage handed on. Not thread-safe: one decoder per stream.
 */
public final class EventStreamDecoder {

    static final int PRELUDE = 12;
    static final int OVERHEAD = 16;
    /** botocore's limits: headers ≤ 128 KiB, payload ≤ 24 MiB. */
    static final int MAX_HEADERS = 128 * 1024;
    static final int MAX_PAYLOAD = 24 * 1024 * 1024;

    /** Grows to the largest read or frame seen; frames are mostly small, so it starts small. */
    private byte[] buf = new byte[1024];
    private int start;
    private int end;
    private boolean preludeChecked;
    private final CRC32 crc = new CRC32();
    /** Header names and string values seen lately (a stream repeats the same few), to skip decoding them again. */
    private final Strings strings = new Strings();

    /** Adds bytes and returns every message they complete, in order. */
    public List<EventStreamMessage> feed(byte[] chunk) {
        append(chunk);
        List<EventStreamMessage> out = new ArrayList<>(2);
        EventStreamMessage m;
        while ((m = next()) != null) {
            out.add(m);
        }
        return out;
    }

    /**
     * The next complete message, or null until more bytes arrive. Callers that act on each message before
     * decoding the next (so messages before a corrupt frame are not lost) use {@link #append} and this.
     */
    public @Nullable EventStreamMessage next() {
        int available = end - start;
        if (available < PRELUDE) {
            return null;
        }
        long total = u32(buf, start);
        long headersLength = u32(buf, start + 4);
        if (!preludeChecked) {
            // Check the prelude before waiting for total_length bytes: a corrupt length must not make us wait (or
            // allocate) for a frame that will never come.
            long expected = u32(buf, start + 8);
            long actual = crc(buf, start, 8);
            if (expected != actual) {
                throw new CorruptFrameException(String.format("event-stream prelude CRC mismatch (expected %08x, computed %08x)", expected, actual));
            }
            if (headersLength > MAX_HEADERS || total < OVERHEAD + headersLength || total - OVERHEAD - headersLength > MAX_PAYLOAD) {
                throw new CorruptFrameException("event-stream frame lengths out of range (total " + total + ", headers " + headersLength + ")");
            }
            preludeChecked = true;
        }
        if (available < total) {
            return null;
        }
        int t = (int) total;
        long expectedMessageCrc = u32(buf, start + t - 4);
        long actualMessageCrc = crc(buf, start, t - 4);
        if (expectedMessageCrc != actualMessageCrc) {
            throw new CorruptFrameException(String.format("event-stream message CRC mismatch (expected %08x, computed %08x)",
                    expectedMessageCrc, actualMessageCrc));
        }
        int h = (int) headersLength;
        Headers headers = parseHeaders(buf, start + PRELUDE, h, strings);
        byte[] payload = Arrays.copyOfRange(buf, start + PRELUDE + h, start + t - 4);
        start += t;
        preludeChecked = false;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return EventStreamMessage.owning(headers.names, headers.values, headers.count, payload);
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
    }

    /** Bytes received that do not yet form a whole frame; non-zero at the end of a body means the body was cut. */
    public int pendingBytes() {
        return end - start;
    }

    /** Adds bytes without decoding; see {@link #next()}. */
    public void append(byte[] chunk) {
        if (chunk.length == 0) {
            return;
        }
        if (end + chunk.length > buf.length) {
            int live = end - start;
            if (live + chunk.length <= buf.length && start > 0) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + chunk.length)];
                System.arraycopy(buf, start, bigger, 0, live);
                buf = bigger;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(chunk, 0, buf, end, chunk.length);
        end += chunk.length;
    }

    private long crc(byte[] b, int off, int len) {
        crc.reset();
        crc.update(b, off, len);
        return crc.getValue();
    }

    /** Parses the header block; every value type is consumed by its exact size so the next header lines up. */
    static Map<String, Object> parseHeaders(ByteBuffer bb) {
        byte[] block = new byte[bb.remaining()];
        bb.duplicate().get(block);
        Headers h = parseHeaders(block, 0, block.length, new Strings());
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < h.count; i++) {
            map.put(h.names[i], h.values[i]);
        }
        return map;
    }

    private static Headers parseHeaders(byte[] b, int offset, int length, Strings strings) {
        Headers headers = new Headers();
        Cursor in = new Cursor(b, offset, offset + length);
        while (in.pos < in.end) {
            int nameLength = in.u8();
            if (nameLength == 0) {
                throw new CorruptFrameException("event-stream header with an empty name");
            }
            String key = strings.read(b, in.take(nameLength), nameLength);
            int type = in.u8();
            Object value = switch (type) {
                case 0 -> Boolean.TRUE;
                case 1 -> Boolean.FALSE;
                case 2 -> (byte) in.u8();
                case 3 -> (short) in.bits(2);
                case 4 -> (int) in.bits(4);
                case 5 -> in.bits(8);
                case 6 -> {
                    int n = (int) (in.bits(2) & 0xffff);
                    int at = in.take(n);
                    yield Arrays.copyOfRange(b, at, at + n);
                }
                case 7 -> {
                    int n = (int) (in.bits(2) & 0xffff);
                    yield strings.read(b, in.take(n), n);
                }
                case 8 -> Instant.ofEpochMilli(in.bits(8));
                case 9 -> new UUID(in.bits(8), in.bits(8));
                default -> throw new CorruptFrameException("event-stream header " + key + " has unknown value type " + type);
            };
            if (!headers.add(key, value)) {
                throw new CorruptFrameException("event-stream header " + key + " appears twice");
            }
        }
        return headers;
    }

    /** A frame's headers in wire order, as parallel arrays (a frame has a handful). */
    private static final class Headers {
        String[] names = new String[4];
        Object[] values = new Object[4];
        int count;

        /** False when the name is already there. */
        boolean add(String name, Object value) {
            for (int i = 0; i < count; i++) {
                if (names[i].equals(name)) {
                    return false;
                }
            }
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = name;
            values[count] = value;
            count++;
            return true;
        }
    }

    /** Big-endian reads within a header block; running past its end is a corrupt frame. */
    private static final class Cursor {
        private final byte[] b;
        private final int end;
        private int pos;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        /** Skips {@code n} bytes and returns where they start. */
        int take(int n) {
            if (n > end - pos) {
                throw new CorruptFrameException("event-stream headers run past their declared length");
            }
            int at = pos;
            pos += n;
            return at;
        }

        int u8() {
            return b[take(1)] & 0xff;
        }

        /** The next {@code n} bytes (2, 4 or 8) as a signed big-endian number. */
        long bits(int n) {
            int at = take(n);
            long v = b[at]; // sign-extended: the value types are signed
            for (int i = 1; i < n; i++) {
                v = (v << 8) | (b[at + i] & 0xff);
            }
            return v;
        }
    }

    /**
     * A small ring of recently decoded UTF-8 strings: header names and values ({@code :event-type},
     * {@code contentBlockDelta}, {@code application/json}) repeat in every frame, so most reads find their String
     * here and allocate nothing.
     */
    private static final class Strings {
        private static final int SIZE = 16;
        private static final int MAX_CACHED = 64;
        private final byte[][] bytes = new byte[SIZE][];
        private final String[] strings = new String[SIZE];
        private int next;

        /** The {@code length} bytes at {@code from} as UTF-8. */
        String read(byte[] array, int from, int length) {
            if (length > MAX_CACHED) {
                return new String(array, from, length, StandardCharsets.UTF_8);
            }
            for (int i = 0; i < SIZE; i++) {
                byte[] b = bytes[i];
                if (b != null && b.length == length && Arrays.equals(b, 0, length, array, from, from + length)) {
                    return strings[i];
                }
            }
            String s = new String(array, from, length, StandardCharsets.UTF_8);
            bytes[next] = Arrays.copyOfRange(array, from, from + length);
            strings[next] = s;
            next = (next + 1) % SIZE;
            return s;
        }
    }
}
