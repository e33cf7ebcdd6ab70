package dev.llmux.bench;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The gateway harness's OpenAI-shaped upstream on a fixed loopback port, so gateways started beforehand can be
 * pointed at it: {@code /v1/chat/completions} answers at once, {@code /slow/v1/chat/completions} after a fixed
 * 60 ms (the Helicone/Ferro method: added latency = total − 60 ms). {@code "stream":true} gets a 20-delta SSE
 * stream, chunked, each event flushed on its own (the delay applies before the first byte).
 */
final class MockUpstream implements AutoCloseable {

    static final Duration SLOW = Duration.ofMillis(60);

    private final LoopResources loops = LoopResources.create("mock-upstream", 1, true);
    private final DisposableServer server;
    private final byte[] json = Payloads.openAiResponse();
    private final List<byte[]> sse = Payloads.openAiStream(20);

    MockUpstream(int port) {
        server = HttpServer.create().host("127.0.0.1").port(port).runOn(loops).handle(this::handle).bindNow();
    }

    int port() {
        return server.port();
    }

    /** The OpenAI base URL ({@code .../v1}) of the instant or the slow mock. */
    String base(boolean slow) {
        return "http://127.0.0.1:" + port() + (slow ? "/slow" : "") + "/v1";
    }

    private Mono<Void> handle(HttpServerRequest req, HttpServerResponse res) {
        boolean slow = req.uri().startsWith("/slow/");
        if (!req.uri().endsWith("/chat/completions")) {
            return res.status(404).send();
        }
        return req.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
            boolean stream = StubServer.asksForStream(body);
            // Streams go out chunked, one event per chunk and no Content-Length, as providers send them.
            Mono<Void> send = Mono.defer(() -> stream
                    ? res.header("Content-Type", "text/event-stream")
                            .send(Flux.fromIterable(sse).map(Unpooled::wrappedBuffer), b -> true).then()
                    : res.header("Content-Type", "application/json")
                            .header("Content-Length", Integer.toString(json.length))
                            .send(Mono.just(Unpooled.wrappedBuffer(json))).then());
            return slow ? Mono.delay(SLOW).then(send) : send;
        });
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.disposeLater().block();
    }
}
