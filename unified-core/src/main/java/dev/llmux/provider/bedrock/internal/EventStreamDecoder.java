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

    private byte[] buf = new byte[8192];
    private int start;
    private int end;
    private boolean preludeChecked;

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
        ByteBuffer bb = ByteBuffer.wrap(buf);
        long total = Integer.toUnsignedLong(bb.getInt(start));
        long headersLength = Integer.toUnsignedLong(bb.getInt(start + 4));
        if (!preludeChecked) {
            // Check the prelude before waiting for total_length bytes: a corrupt length must not make us wait (or
            // allocate) for a frame that will never come.
            long expected = Integer.toUnsignedLong(bb.getInt(start + 8));
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
        long expectedMessageCrc = Integer.toUnsignedLong(bb.getInt(start + t - 4));
        long actualMessageCrc = crc(buf, start, t - 4);
        if (expectedMessageCrc != actualMessageCrc) {
            throw new CorruptFrameException(String.format("event-stream message CRC mismatch (expected %08x, computed %08x)",
                    expectedMessageCrc, actualMessageCrc));
        }
        int h = (int) headersLength;
        Map<String, Object> headers = parseHeaders(ByteBuffer.wrap(buf, start + PRELUDE, h).slice());
        byte[] payload = Arrays.copyOfRange(buf, start + PRELUDE + h, start + t - 4);
        start += t;
        preludeChecked = false;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return new EventStreamMessage(headers, payload);
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

    private static long crc(byte[] b, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(b, off, len);
        return crc.getValue();
    }

    /** Parses the header block; every value type is consumed by its exact size so the next header lines up. */
    static Map<String, Object> parseHeaders(ByteBuffer bb) {
        Map<String, Object> headers = new LinkedHashMap<>();
        try {
            while (bb.hasRemaining()) {
                int nameLength = bb.get() & 0xff;
                if (nameLength == 0) {
                    throw new CorruptFrameException("event-stream header with an empty name");
                }
                byte[] name = new byte[nameLength];
                bb.get(name);
                String key = new String(name, StandardCharsets.UTF_8);
                int type = bb.get() & 0xff;
                Object value = switch (type) {
                    case 0 -> Boolean.TRUE;
                    case 1 -> Boolean.FALSE;
                    case 2 -> bb.get();
                    case 3 -> bb.getShort();
                    case 4 -> bb.getInt();
                    case 5 -> bb.getLong();
                    case 6 -> {
                        byte[] bytes = new byte[bb.getShort() & 0xffff];
                        bb.get(bytes);
                        yield bytes;
                    }
                    case 7 -> {
                        byte[] bytes = new byte[bb.getShort() & 0xffff];
                        bb.get(bytes);
                        yield new String(bytes, StandardCharsets.UTF_8);
                    }
                    case 8 -> Instant.ofEpochMilli(bb.getLong());
                    case 9 -> new UUID(bb.getLong(), bb.getLong());
                    default -> throw new CorruptFrameException("event-stream header " + key + " has unknown value type " + type);
                };
                if (headers.put(key, value) != null) {
                    throw new CorruptFrameException("event-stream header " + key + " appears twice");
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new CorruptFrameException("event-stream headers run past their declared length");
        }
        return headers;
    }
}
