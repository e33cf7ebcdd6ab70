package dev.llmux.provider.bedrock;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * Test-side encoder of AWS event-stream frames, written from the framing spec (wire-formats §5.4) independently of
 * the decoder under test, and cross-checked against the AWS library in {@code EventStreamDecoderTest}.
 */
public final class EventStreamFrames {

    private EventStreamFrames() {}

    /** An event frame with headers in the order {@code :event-type}, {@code :content-type}, {@code :message-type}. */
    public static byte[] event(String eventType, String jsonPayload) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":event-type", eventType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return frame(headers, jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    /** A modeled exception frame ({@code :exception-type} is the lower-camel member name). */
    public static byte[] exception(String exceptionType, String jsonPayload) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":exception-type", exceptionType);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "exception");
        return frame(headers, jsonPayload.getBytes(StandardCharsets.UTF_8));
    }

    /** Frames one message. Header values: Boolean, Byte, Short, Integer, Long, byte[], String, Instant, UUID. */
    public static byte[] frame(Map<String, Object> headers, byte[] payload) {
        byte[] h = headers(headers);
        int total = 12 + h.length + payload.length + 4;
        ByteBuffer bb = ByteBuffer.allocate(total);
        bb.putInt(total).putInt(h.length);
        bb.putInt((int) crc(bb.array(), 0, 8));
        bb.put(h).put(payload);
        bb.putInt((int) crc(bb.array(), 0, total - 4));
        return bb.array();
    }

    static byte[] headers(Map<String, Object> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, Object> e : headers.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.write(name.length);
            out.writeBytes(name);
            Object v = e.getValue();
            ByteBuffer bb;
            if (v instanceof Boolean b) {
                out.write(b ? 0 : 1);
                continue;
            } else if (v instanceof Byte b) {
                bb = ByteBuffer.allocate(2).put((byte) 2).put(b);
            } else if (v instanceof Short s) {
                bb = ByteBuffer.allocate(3).put((byte) 3).putShort(s);
            } else if (v instanceof Integer i) {
                bb = ByteBuffer.allocate(5).put((byte) 4).putInt(i);
            } else if (v instanceof Long l) {
                bb = ByteBuffer.allocate(9).put((byte) 5).putLong(l);
            } else if (v instanceof byte[] bytes) {
                bb = ByteBuffer.allocate(3 + bytes.length).put((byte) 6).putShort((short) bytes.length).put(bytes);
            } else if (v instanceof String s) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                bb = ByteBuffer.allocate(3 + bytes.length).put((byte) 7).putShort((short) bytes.length).put(bytes);
            } else if (v instanceof Instant t) {
                bb = ByteBuffer.allocate(9).put((byte) 8).putLong(t.toEpochMilli());
            } else if (v instanceof UUID u) {
                bb = ByteBuffer.allocate(17).put((byte) 9).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
            } else {
                throw new IllegalArgumentException("unsupported header value " + v);
            }
            out.writeBytes(bb.array());
        }
        return out.toByteArray();
    }

    /** Frames concatenated into one body. */
    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return c.getValue();
    }
}
