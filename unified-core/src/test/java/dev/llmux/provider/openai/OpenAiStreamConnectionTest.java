package dev.llmux.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.spi.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Streams over a real connection: the connection a finished stream used is the next call's. */
class OpenAiStreamConnectionTest {

    private static final String HEAD = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4o-mini\"";

    private final AtomicInteger connections = new AtomicInteger(); // channels accepted, not requests
    // the body ends a little after [DONE], as it can over a real network
    private final DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
            .doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
            .route(r -> r.post("/v1/chat/completions", (req, res) -> req.receive().aggregate().then(
                    res.header("Content-Type", "text/event-stream")
                            .sendString(Flux.concat(Flux.range(0, 40).map(i ->
                                    "data: {" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"), Flux.just(
                                    "data: {" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                                    "data: {" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n",
                                    "data: [DONE]\n\n"),
                                    Mono.delay(Duration.ofMillis(20)).then(Mono.<String>empty())), StandardCharsets.UTF_8)
                            .then())))
            .bindNow();
    private final Llmux llmux = Llmux.builder()
            .settings("openai", ProviderSettings.builder().apiBase("http://127.0.0.1:" + server.port() + "/v1").apiKey("sk-test").build())
            .build();

    @AfterEach
    void stop() {
        llmux.close();
        server.disposeNow();
    }

    @Test
    void should_reuse_the_connection_of_a_finished_stream() throws InterruptedException {
        ChatRequest request = ChatRequest.builder().model("openai/gpt-4o-mini").addUser("hi").build();

        for (int i = 0; i < 5; i++) {
            List<ChatChunk> chunks = llmux.stream(request).collectList().block(Duration.ofSeconds(5));
            assertThat(chunks).hasSize(42);
            assertThat(chunks.get(0).choices().get(0).delta().content()).isEqualTo("Hi");
            assertThat(chunks.get(41).usage().totalTokens()).isEqualTo(6);
            Thread.sleep(100); // the connection goes back to the pool just after the body ends, on its event loop
        }

        assertThat(connections).as("connections opened for 5 streams in a row").hasValue(1);
    }
}
