package dev.llmux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class BufferedResponseTest {

    private static final ResponseHead HEAD = new ResponseHead(200, Map.of());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void should_keep_a_body_that_came_in_one_read_without_copying_it() {
        byte[] only = bytes("{\"id\":\"chatcmpl-1\"}");

        BufferedResponse response = BufferedResponse.collect(HEAD, Flux.just(only)).block(Duration.ofSeconds(5));

        assertThat(response.body()).isSameAs(only);
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void should_join_a_body_of_many_reads_in_order_and_skip_empty_ones() {
        List<byte[]> reads = List.of(bytes("{\"id\":"), new byte[0], bytes("\"chatcmpl-1\""), bytes(",\"caf\u00e9\":"), bytes("1}"));

        BufferedResponse response = BufferedResponse.collect(HEAD, Flux.fromIterable(reads)).block(Duration.ofSeconds(5));

        assertThat(response.bodyText()).isEqualTo("{\"id\":\"chatcmpl-1\",\"caf\u00e9\":1}");
    }

    @Test
    void should_give_an_empty_body_when_there_were_no_reads_or_only_empty_ones() {
        assertThat(BufferedResponse.collect(HEAD, Flux.empty()).block(Duration.ofSeconds(5)).body()).isEmpty();
        assertThat(BufferedResponse.collect(HEAD, Flux.just(new byte[0], new byte[0])).block(Duration.ofSeconds(5)).body()).isEmpty();
    }
}
