package dev.llmux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.EventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/** The Reactor Netty transport on a server's own loops: a call started on a loop is answered on that loop. */
class ReactorNettyLoopsTest {

    private LoopResources loops;
    private DisposableServer upstream;
    private HttpTransport transport;
    private URI uri;

    @BeforeEach
    void setUp() {
        loops = LoopResources.create("loops-test", 4, true);
        // a short delay keeps calls overlapping, so each loop's pool needs several connections
        upstream = HttpServer.create().host("127.0.0.1").port(0)
                .handle((req, res) -> res.sendString(Mono.delay(Duration.ofMillis(5)).map(x -> "ok")))
                .bindNow();
        uri = URI.create("http://127.0.0.1:" + upstream.port() + "/v1/chat/completions");
        transport = HttpTransport.reactorNetty(TransportSettings.defaults(), loops);
    }

    @AfterEach
    void tearDown() {
        transport.close();
        upstream.disposeNow();
        loops.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void should_answer_each_call_on_the_loop_that_started_it_when_the_transport_runs_on_those_loops() throws Exception {
        List<EventExecutor> executors = new ArrayList<>();
        loops.onClient(LoopResources.DEFAULT_NATIVE).forEach(executors::add);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            for (EventExecutor loop : executors) {
                CompletableFuture<String> call = new CompletableFuture<>();
                loop.execute(() -> {
                    Thread started = Thread.currentThread();
                    transport.send(HttpRequest.postJson(uri, Map.of(), "{}".getBytes()))
                            .subscribe(r -> call.complete(Thread.currentThread() == started ? r.bodyText() : "answered on " + Thread.currentThread().getName()
                                    + ", started on " + started.getName()), call::completeExceptionally);
                });
                calls.add(call);
            }
        }

        for (CompletableFuture<String> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        }
        assertThat(executors).hasSize(4);
    }

    @Test
    void should_serve_calls_from_threads_outside_the_loops() {
        BufferedResponse response = transport.send(HttpRequest.postJson(uri, Map.of(), "{}".getBytes())).block(Duration.ofSeconds(10));

        assertThat(response.head().status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("ok");
    }
}
