package dev.llmux.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SseDecoderTest {

    private static List<SseEvent> feedWhole(String text) {
        return new SseDecoder().feed(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<SseEvent> feedByteByByte(byte[] bytes) {
        SseDecoder d = new SseDecoder();
        List<SseEvent> out = new ArrayList<>();
        for (byte b : bytes) {
            out.addAll(d.feed(new byte[] {b}));
        }
        return out;
    }

    private static final String OPENAI_STREAM = """
            data: {"id":"chatcmpl-1","choices":[{"index":0,"delta":{"content":"Hé"}}]}

            : keep-alive

            data: {"id":"chatcmpl-1","choices":[],"usage":{"prompt_tokens":1}}

            data: [DONE]

            """;

    @Test
    void should_decode_openai_chunks_and_the_done_marker() {
        List<SseEvent> events = feedWhole(OPENAI_STREAM);

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo(new SseEvent(null, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hé\"}}]}", null));
        assertThat(events.get(0).isDone()).isFalse();
        assertThat(events.get(2).isDone()).isTrue();
    }

    @Test
    void should_keep_event_names_as_anthropic_sends_them_and_reset_them_after_each_event() {
        List<SseEvent> events = feedWhole("""
                event: message_start
                data: {"type":"message_start"}

                event: ping
                data: {"type": "ping"}

                data: unnamed

                """);

        assertThat(events).extracting(SseEvent::event).containsExactly("message_start", "ping", null);
        assertThat(events.get(1).data()).isEqualTo("{\"type\": \"ping\"}");
    }

    @Test
    void should_join_multi_line_data_with_line_feeds() {
        List<SseEvent> events = feedWhole("data: first\ndata:second\ndata:  third\ndata\n\n");

        // one leading space is removed after the colon, further spaces stay; a bare "data" adds an empty line
        assertThat(events).containsExactly(new SseEvent(null, "first\nsecond\n third\n", null));
    }

    @Test
    void should_skip_comments_unknown_fields_and_retry_and_ignore_blank_lines_without_data() {
        List<SseEvent> events = feedWhole(": OPENROUTER PROCESSING\n\nretry: 3000\nfoo: bar\n\n\n\ndata: x\n\n");

        assertThat(events).containsExactly(new SseEvent(null, "x", null));
    }

    @Test
    void should_carry_the_last_event_id() {
        List<SseEvent> events = feedWhole("id: 7\ndata: a\n\ndata: b\n\n");

        assertThat(events).containsExactly(new SseEvent(null, "a", "7"), new SseEvent(null, "b", "7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void should_accept_every_line_ending(String eol) {
        String text = "event: e" + eol + "data: one" + eol + "data: two" + eol + eol + "data: [DONE]" + eol + eol;

        List<SseEvent> whole = feedWhole(text);
        List<SseEvent> split = feedByteByByte(text.getBytes(StandardCharsets.UTF_8));

        assertThat(whole).containsExactly(new SseEvent("e", "one\ntwo", null), new SseEvent(null, "[DONE]", null));
        assertThat(split).isEqualTo(whole);
    }

    @Test
    void should_not_take_a_crlf_split_across_buffers_for_two_line_ends() {
        SseDecoder d = new SseDecoder();

        List<SseEvent> out = new ArrayList<>(d.feed("data: a\r".getBytes(StandardCharsets.UTF_8)));
        out.addAll(d.feed("\ndata: b\r".getBytes(StandardCharsets.UTF_8)));
        out.addAll(d.feed("\n\r".getBytes(StandardCharsets.UTF_8)));
        out.addAll(d.feed("\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(out).containsExactly(new SseEvent(null, "a\nb", null));
    }

    @Test
    void should_find_each_line_end_wherever_it_falls_in_a_word() {
        java.util.Random random = new java.util.Random(3);
        byte[] alphabet = {'\n', '\r', 'a', ':', ' ', (byte) 0x8a, (byte) 0x8d, (byte) 0xff, 0x0b, 0x0c, 0x09, 0x00, 0x7f};
        for (int round = 0; round < 2_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int k = 0; k < bytes.length; k++) {
                // mostly text, sometimes a line end or a byte one bit away from one
                bytes[k] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) ('a' + random.nextInt(26));
            }
            for (int from = 0; from <= bytes.length; from++) {
                int expected = from;
                while (expected < bytes.length && bytes[expected] != '\n' && bytes[expected] != '\r') {
                    expected++;
                }
                assertThat(SseDecoder.lineEnd(bytes, from, bytes.length)).as("%s from %d", Arrays.toString(bytes), from)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void should_give_the_same_events_when_fed_one_byte_at_a_time() {
        byte[] bytes = OPENAI_STREAM.getBytes(StandardCharsets.UTF_8);

        assertThat(feedByteByByte(bytes)).isEqualTo(feedWhole(OPENAI_STREAM));
    }

    @Test
    void should_give_the_same_events_at_every_split_point_of_a_stream_with_multibyte_characters() {
        String text = "event: 😀\r\ndata: {\"content\":\"日本語 ü 😀\"}\r\n\r\ndata: ok\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> expected = feedWhole(text);

        assertThat(expected).containsExactly(new SseEvent("😀", "{\"content\":\"日本語 ü 😀\"}", null), new SseEvent(null, "ok", null));
        for (int i = 0; i <= bytes.length; i++) {
            SseDecoder d = new SseDecoder();
            List<SseEvent> out = new ArrayList<>(d.feed(java.util.Arrays.copyOfRange(bytes, 0, i)));
            out.addAll(d.feed(java.util.Arrays.copyOfRange(bytes, i, bytes.length)));
            assertThat(out).as("split at byte %d", i).isEqualTo(expected);
        }
    }

    @Test
    void should_strip_a_byte_order_mark_at_the_start_of_the_stream() {
        byte[] text = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        assertThat(feedByteByByte(withBom)).containsExactly(new SseEvent(null, "x", null));
    }

    @Test
    void should_strip_a_byte_order_mark_split_across_reads_and_keep_bytes_that_only_begin_like_one() {
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'd', 'a', 't', 'a', ':', 'x', '\n', '\n'};
        for (int split = 0; split <= withBom.length; split++) {
            SseDecoder d = new SseDecoder();
            List<SseEvent> events = new ArrayList<>(d.feed(Arrays.copyOfRange(withBom, 0, split)));
            events.addAll(d.feed(Arrays.copyOfRange(withBom, split, withBom.length)));
            assertThat(events).as("split at %d", split).containsExactly(new SseEvent(null, "x", null));
        }
        // 0xEF 0xBB then 'd': not a mark, so the held-back bytes start the line and make it an unknown field
        byte[] notBom = {(byte) 0xEF, (byte) 0xBB, 'd', 'a', 't', 'a', ':', 'x', '\n', '\n', 'd', 'a', 't', 'a', ':', 'y', '\n', '\n'};
        assertThat(feedByteByByte(notBom)).containsExactly(new SseEvent(null, "y", null));
        assertThat(new SseDecoder().feed(notBom)).containsExactly(new SseEvent(null, "y", null));
    }

    @Test
    void should_report_a_partial_event_when_the_stream_stops_mid_event() {
        SseDecoder d = new SseDecoder();

        assertThat(d.feed("data: {\"par".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(d.hasPartialEvent()).isTrue();

        SseDecoder e = new SseDecoder();
        e.feed("data: x\n".getBytes(StandardCharsets.UTF_8));
        assertThat(e.hasPartialEvent()).isTrue();

        SseDecoder f = new SseDecoder();
        f.feed("data: x\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(f.hasPartialEvent()).isFalse();
    }

    @Test
    void should_decode_a_flux_and_not_emit_an_unterminated_last_event() {
        Flux<byte[]> body = Flux.just("data: a\n\nda", "ta: b\n\n", "data: cut").map(s -> s.getBytes(StandardCharsets.UTF_8));

        StepVerifier.create(SseDecoder.decode(body))
                .expectNext(new SseEvent(null, "a", null), new SseEvent(null, "b", null))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_emit_what_a_handler_makes_of_each_event_none_one_or_several_in_order_under_backpressure() {
        Flux<byte[]> body = Flux.just("data: 0\n\ndata: 2\n\ndata: 1\n\n", "data: 3\n\n").map(s -> s.getBytes(StandardCharsets.UTF_8));
        SseDecoder.EventHandler<String> repeat = (event, out) -> {
            int n = Integer.parseInt(event.data());
            for (int i = 0; i < n; i++) {
                out.accept(event.data() + "." + i);
            }
        };

        StepVerifier.create(SseDecoder.decode(body, repeat), 1)
                .expectNext("2.0")
                .thenRequest(2)
                .expectNext("2.1", "1.0")
                .thenRequest(Long.MAX_VALUE)
                .expectNext("3.0", "3.1", "3.2")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_deliver_what_the_handler_made_of_earlier_events_of_a_read_before_its_error() {
        Flux<byte[]> body = Flux.just("data: a\n\ndata: b\n\ndata: boom\n\ndata: never\n\n".getBytes(StandardCharsets.UTF_8));
        SseDecoder.EventHandler<String> handler = (event, out) -> {
            if (event.data().equals("boom")) {
                throw new IllegalStateException("bad event");
            }
            out.accept(event.data());
        };

        StepVerifier.create(SseDecoder.decode(body, handler))
                .expectNext("a", "b")
                .expectErrorMessage("bad event")
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_give_each_subscription_its_own_decoder() {
        Flux<SseEvent> events = SseDecoder.decode(Flux.just("data: a\n".getBytes(StandardCharsets.UTF_8), "\n".getBytes(StandardCharsets.UTF_8)));

        StepVerifier.create(events).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(events).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void should_point_a_one_line_event_at_the_fed_bytes_and_copy_data_that_spans_lines_or_reads() {
        SseDecoder d = new SseDecoder();
        byte[] read = "event: x\ndata: {\"a\":1}\n\ndata: one\ndata: two\n\ndata: sp".getBytes(StandardCharsets.UTF_8);

        List<SseEvent> events = d.feed(read);
        List<SseEvent> later = d.feed("lit\n\n".getBytes(StandardCharsets.UTF_8));

        SseEvent first = events.get(0);
        assertThat(first.dataArray()).isSameAs(read);
        assertThat(new String(first.dataArray(), first.dataOffset(), first.dataLength(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(first).isEqualTo(new SseEvent("x", "{\"a\":1}", null));
        assertThat(events.get(1).data()).isEqualTo("one\ntwo");
        assertThat(events.get(1).dataArray()).isNotSameAs(read);
        assertThat(later).containsExactly(new SseEvent(null, "split", null));
        assertThat(first.dataBytes()).isEqualTo("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_answer_done_and_blank_from_the_bytes_as_from_the_text() {
        List<SseEvent> events = feedWhole("data: [DONE]\n\ndata: [DONE] \n\ndata:  \t\n\ndata: x\n\ndata: \u2003\n\n");

        assertThat(events).extracting(SseEvent::isDone).containsExactly(true, false, false, false, false);
        assertThat(events).extracting(SseEvent::isBlank).containsExactly(false, false, true, false, true);
        for (SseEvent e : events) {
            assertThat(e.isDone()).isEqualTo("[DONE]".equals(e.data()));
            assertThat(e.isBlank()).isEqualTo(e.data().isBlank());
        }
    }

    @Test
    void should_reuse_a_repeated_event_name_and_read_a_changed_one() {
        List<SseEvent> events = feedWhole("event: delta\ndata: 1\n\nevent: delta\ndata: 2\n\nevent: delte\ndata: 3\n\nevent: d\u00e9lta\ndata: 4\n\n"
                + "event: d\u00e9lta\ndata: 5\n\nevent: delta\ndata: 6\n\n");

        assertThat(events).extracting(SseEvent::event).containsExactly("delta", "delta", "delte", "d\u00e9lta", "d\u00e9lta", "delta");
        assertThat(events.get(1).event()).isSameAs(events.get(0).event());
    }
}
