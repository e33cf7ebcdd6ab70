package dev.llmux.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class LineDecoderTest {

    private static final String NDJSON = "{\"message\":{\"content\":\"Grüß \"}}\r\n\n{\"message\":{\"content\":\"😀\"},\"done\":false}\n{\"done\":true}";

    private static List<String> decodeSplitAt(byte[] bytes, int at) {
        LineDecoder d = new LineDecoder();
        List<String> out = new ArrayList<>(d.feed(Arrays.copyOfRange(bytes, 0, at)));
        out.addAll(d.feed(Arrays.copyOfRange(bytes, at, bytes.length)));
        out.addAll(d.finish());
        return out;
    }

    @Test
    void should_split_lines_on_lf_and_crlf_skip_blank_ones_and_emit_the_last_unterminated_line() {
        byte[] bytes = NDJSON.getBytes(StandardCharsets.UTF_8);

        assertThat(decodeSplitAt(bytes, bytes.length)).containsExactly(
                "{\"message\":{\"content\":\"Grüß \"}}", "{\"message\":{\"content\":\"😀\"},\"done\":false}", "{\"done\":true}");
    }

    @Test
    void should_give_the_same_lines_at_every_split_point_including_inside_multibyte_characters() {
        byte[] bytes = NDJSON.getBytes(StandardCharsets.UTF_8);
        List<String> expected = decodeSplitAt(bytes, bytes.length);

        for (int i = 0; i <= bytes.length; i++) {
            assertThat(decodeSplitAt(bytes, i)).as("split at %d", i).isEqualTo(expected);
        }
    }

    @Test
    void should_decode_a_flux_fed_one_byte_at_a_time() {
        byte[] bytes = NDJSON.getBytes(StandardCharsets.UTF_8);
        List<byte[]> singles = new ArrayList<>();
        for (byte b : bytes) {
            singles.add(new byte[] {b});
        }

        StepVerifier.create(LineDecoder.decode(Flux.fromIterable(singles)))
                .expectNext("{\"message\":{\"content\":\"Grüß \"}}", "{\"message\":{\"content\":\"😀\"},\"done\":false}", "{\"done\":true}")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_not_emit_the_pending_line_when_the_body_fails() {
        IllegalStateException cut = new IllegalStateException("cut");
        Flux<byte[]> body = Flux.concat(Flux.just("a\nb".getBytes(StandardCharsets.UTF_8)), Flux.error(cut));

        StepVerifier.create(LineDecoder.decode(body)).expectNext("a").expectErrorMatches(e -> e == cut).verify(Duration.ofSeconds(5));
    }
}
