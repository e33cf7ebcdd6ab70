package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.provider.bedrock.EventStreamFrames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

class EventStreamDecoderTest {

    // The 159-byte contentBlockDelta frame of wire-formats §5.4.
    static final byte[] VECTOR = HexFormat.of().parseHex(
            "0000009f00000057c37babff"
                    + "0b3a6576656e742d747970650700116" + "36f6e74656e74426c6f636b44656c7461"
                    + "0d3a636f6e74656e742d74797065070010" + "6170706c69636174696f6e2f6a736f6e"
                    + "0d3a6d6573736167652d74797065070005" + "6576656e74"
                    + "7b22636f6e74656e74426c6f636b496e646578223a302c2264656c7461223a7b2274657874223a224869227d2c2270223a2261626364227d"
                    + "f2ace5ff");
    static final String VECTOR_PAYLOAD = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"},\"p\":\"abcd\"}";

    @Test
    void should_decode_the_reference_vector() {
        List<EventStreamMessage> out = new EventStreamDecoder().feed(VECTOR);

        assertThat(VECTOR).hasSize(159);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).headers()).containsExactly(
                Map.entry(":event-type", "contentBlockDelta"), Map.entry(":content-type", "application/json"), Map.entry(":message-type", "event"));
        assertThat(out.get(0).payloadText()).isEqualTo(VECTOR_PAYLOAD);
    }

    @Test
    void should_encode_the_reference_vector_byte_for_byte_with_the_test_encoder() {
        assertThat(EventStreamFrames.event("contentBlockDelta", VECTOR_PAYLOAD)).isEqualTo(VECTOR);
    }

    @Test
    void should_decode_frames_encoded_by_the_aws_library_with_every_header_type() {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put("t", HeaderValue.fromBoolean(true));
        headers.put("f", HeaderValue.fromBoolean(false));
        // eventstream 1.0.1 writes int8/int16 headers without their value bytes (its encoder's bug), so those two
        // types are checked against hand-built bytes in should_decode_int8_and_int16_headers instead.
        headers.put("int", HeaderValue.fromInteger(-56789));
        headers.put("long", HeaderValue.fromLong(1L << 40));
        headers.put("bytes", HeaderValue.fromByteArray(new byte[] {1, 2, 3}));
        headers.put("time", HeaderValue.fromTimestamp(Instant.ofEpochMilli(1_700_000_000_123L)));
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        headers.put("uuid", HeaderValue.fromUuid(uuid));
        headers.put(":event-type", HeaderValue.fromString("messageStop"));
        byte[] payload = "{\"stopReason\":\"end_turn\"}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = toBytes(new Message(headers, payload));

        List<EventStreamMessage> out = new EventStreamDecoder().feed(frame);

        assertThat(out).hasSize(1);
        EventStreamMessage m = out.get(0);
        assertThat(m.headers().keySet()).containsExactly(":message-type", "t", "f", "int", "long", "bytes", "time", "uuid", ":event-type");
        assertThat(m.headers().get("t")).isEqualTo(true);
        assertThat(m.headers().get("f")).isEqualTo(false);
        assertThat(m.headers().get("int")).isEqualTo(-56789);
        assertThat(m.headers().get("long")).isEqualTo(1L << 40);
        assertThat((byte[]) m.headers().get("bytes")).containsExactly(1, 2, 3);
        assertThat(m.headers().get("time")).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(m.headers().get("uuid")).isEqualTo(uuid);
        assertThat(m.eventType()).isEqualTo("messageStop");
        assertThat(m.payload()).isEqualTo(payload);
    }

    @Test
    void should_decode_int8_and_int16_headers() {
        byte[] block = HexFormat.of().parseHex("0462797465" + "02fd" + "0573686f7274" + "0304d2");
        assertThat(EventStreamDecoder.parseHeaders(ByteBuffer.wrap(block)))
                .containsExactly(Map.entry("byte", (byte) -3), Map.entry("short", (short) 1234));
    }

    @Test
    void should_produce_frames_the_aws_library_decodes() {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(":message-type", "event");
        headers.put("flag", true);
        headers.put("n", 42);
        headers.put("l", 7L);
        headers.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        byte[] body = EventStreamFrames.concat(
                EventStreamFrames.frame(headers, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many requests, please wait before trying again.\"}"));

        List<Message> decoded = new ArrayList<>();
        new MessageDecoder(decoded::add).feed(body);

        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(0).getHeaders().get(":message-type").getString()).isEqualTo("event");
        assertThat(decoded.get(0).getHeaders().get("flag").getBoolean()).isTrue();
        assertThat(decoded.get(0).getHeaders().get("n").getInteger()).isEqualTo(42);
        assertThat(decoded.get(0).getHeaders().get("l").getLong()).isEqualTo(7L);
        assertThat(decoded.get(0).getHeaders().get("uuid").getUuid()).isEqualTo(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        assertThat(new String(decoded.get(0).getPayload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(decoded.get(1).getHeaders().get(":exception-type").getString()).isEqualTo("throttlingException");
        // And our decoder agrees with theirs on the same bytes.
        List<EventStreamMessage> ours = new EventStreamDecoder().feed(body);
        assertThat(ours).hasSize(2);
        assertThat(ours.get(1).exceptionType()).isEqualTo("throttlingException");
        assertThat(ours.get(1).payload()).isEqualTo(decoded.get(1).getPayload());
    }

    @Test
    void should_reassemble_frames_split_at_every_byte_boundary() {
        byte[] body = EventStreamFrames.concat(VECTOR, EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"));
        for (int cut = 0; cut <= body.length; cut++) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            List<EventStreamMessage> out = new ArrayList<>(decoder.feed(java.util.Arrays.copyOfRange(body, 0, cut)));
            out.addAll(decoder.feed(java.util.Arrays.copyOfRange(body, cut, body.length)));
            assertThat(out).as("split at %d", cut).hasSize(2);
            assertThat(out.get(0).payloadText()).isEqualTo(VECTOR_PAYLOAD);
            assertThat(out.get(1).eventType()).isEqualTo("messageStop");
            assertThat(decoder.pendingBytes()).isZero();
        }
    }

    @Test
    void should_decode_a_body_fed_one_byte_at_a_time() {
        byte[] body = EventStreamFrames.concat(VECTOR, VECTOR, VECTOR);
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = new ArrayList<>();
        for (byte b : body) {
            out.addAll(decoder.feed(new byte[] {b}));
        }
        assertThat(out).hasSize(3).allSatisfy(m -> assertThat(m.payloadText()).isEqualTo(VECTOR_PAYLOAD));
    }

    @Test
    void should_report_a_partial_frame_as_pending() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(java.util.Arrays.copyOf(VECTOR, 100))).isEmpty();
        assertThat(decoder.pendingBytes()).isEqualTo(100);
    }

    @Test
    void should_reject_a_bad_prelude_crc_before_the_frame_is_complete() {
        byte[] bad = VECTOR.clone();
        bad[3] = (byte) 0xA0; // total length changed, prelude CRC no longer matches
        assertThatThrownBy(() -> new EventStreamDecoder().feed(java.util.Arrays.copyOf(bad, 12)))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("prelude CRC mismatch");
    }

    @Test
    void should_reject_a_bad_message_crc() {
        byte[] bad = VECTOR.clone();
        bad[120] ^= 0x01; // one payload bit flipped
        assertThatThrownBy(() -> new EventStreamDecoder().feed(bad))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("message CRC mismatch");
    }

    @Test
    void should_reject_lengths_that_cannot_frame_a_message() {
        ByteBuffer bb = ByteBuffer.allocate(12).putInt(10).putInt(0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bb.array(), 0, 8);
        bb.putInt((int) crc.getValue());
        assertThatThrownBy(() -> new EventStreamDecoder().feed(bb.array()))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("lengths out of range");
    }

    @Test
    void should_reject_duplicate_and_unknown_type_headers() {
        byte[] dup = EventStreamFrames.frame(Map.of(), new byte[0]);
        assertThat(new EventStreamDecoder().feed(dup)).hasSize(1);

        ByteBuffer twice = ByteBuffer.allocate(8).put((byte) 1).put((byte) 'a').put((byte) 0).put((byte) 1).put((byte) 'a').put((byte) 1);
        assertThatThrownBy(() -> EventStreamDecoder.parseHeaders(ByteBuffer.wrap(twice.array(), 0, 6)))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("appears twice");
        ByteBuffer unknown = ByteBuffer.wrap(new byte[] {1, 'a', 42});
        assertThatThrownBy(() -> EventStreamDecoder.parseHeaders(unknown))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("unknown value type 42");
        ByteBuffer truncated = ByteBuffer.wrap(new byte[] {1, 'a', 7, 0, 9, 'x'});
        assertThatThrownBy(() -> EventStreamDecoder.parseHeaders(truncated))
                .isInstanceOf(CorruptFrameException.class)
                .hasMessageContaining("run past");
    }

    private static byte[] toBytes(Message m) {
        ByteBuffer bb = m.toByteBuffer();
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        return out;
    }
}
