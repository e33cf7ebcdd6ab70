package dev.llmux.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.ChatChunk;
import dev.llmux.spi.ProviderCall;
import dev.llmux.testing.OfflineCalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class OpenAiStreamAssemblerTest {

    private static final ProviderCall CALL = OfflineCalls.call("openai", "gpt-4o");

    private static final String HEAD = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4o\"";

    private static final List<byte[]> EVENTS = List.of(
            event("{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}"),
            event("{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"),
            event("{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}"),
            event("[DONE]"));

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean completed = new AtomicBoolean();

    private static byte[] event(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private Flux<byte[]> watched(Flux<byte[]> body) {
        return body.doOnCancel(() -> cancelled.set(true)).doOnComplete(() -> completed.set(true));
    }

    @Test
    void should_read_the_body_to_its_end_after_done_so_its_connection_can_be_reused() {
        // after [DONE]: a content chunk and a malformed event, neither of which may reach the caller
        Flux<byte[]> body = watched(Flux.concat(Flux.fromIterable(EVENTS), Flux.just(
                event("{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"late\"},\"finish_reason\":null}]}"),
                event("{not json"))));

        List<ChatChunk> chunks = OpenAiStreamAssembler.assemble(body, CALL, OpenAiDialect.OPENAI).collectList().block(Duration.ofSeconds(5));

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(0).choices().get(0).delta().content()).isEqualTo("Hi");
        assertThat(chunks.get(2).usage().totalTokens()).isEqualTo(6);
        assertThat(completed).as("body read to its end").isTrue();
        assertThat(cancelled).as("body cancelled (its connection would be closed)").isFalse();
    }

    @Test
    void should_end_normally_and_cut_the_body_when_it_stays_open_after_done() {
        VirtualTimeScheduler timer = VirtualTimeScheduler.create();
        Flux<byte[]> body = watched(Flux.concat(Flux.fromIterable(EVENTS), Flux.never()));

        StepVerifier.create(OpenAiStreamAssembler.assemble(body, CALL, OpenAiDialect.OPENAI, timer))
                .expectNextCount(2)
                .assertNext(usage -> assertThat(usage.usage().totalTokens()).isEqualTo(6)) // at [DONE], not at the cut
                .then(() -> timer.advanceTimeBy(OpenAiStreamAssembler.DONE_GRACE.minusMillis(1)))
                .then(() -> assertThat(cancelled).as("cut before the grace is over").isFalse())
                .expectNoEvent(Duration.ZERO)
                .then(() -> timer.advanceTimeBy(Duration.ofMillis(1)))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(cancelled).isTrue();
    }

    @Test
    void should_end_normally_when_the_connection_drops_after_done() {
        Flux<byte[]> body = Flux.concat(Flux.fromIterable(EVENTS), Flux.error(new IOException("Connection reset by peer")));

        List<ChatChunk> chunks = OpenAiStreamAssembler.assemble(body, CALL, OpenAiDialect.OPENAI).collectList().block(Duration.ofSeconds(5));

        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(2).usage().totalTokens()).isEqualTo(6);
    }

    @Test
    void should_still_fail_when_the_connection_drops_before_done() {
        Flux<byte[]> body = Flux.concat(Flux.fromIterable(EVENTS.subList(0, 2)),
                Flux.error(new IOException("Connection reset by peer")));

        StepVerifier.create(OpenAiStreamAssembler.assemble(body, CALL, OpenAiDialect.OPENAI))
                .expectNextCount(2)
                .expectError(IOException.class)
                .verify(Duration.ofSeconds(5));
    }
}
