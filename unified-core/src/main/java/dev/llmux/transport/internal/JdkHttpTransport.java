package dev.llmux.transport.internal;

import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.ResponseHead;
import dev.llmux.transport.TransportException;
import dev.llmux.transport.TransportSettings;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link HttpTransport} on {@code java.net.http.HttpClient}. */
public final class JdkHttpTransport implements HttpTransport {

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final TransportSettings settings;
    private final HttpClient client;

    public JdkHttpTransport(TransportSettings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
        Duration firstByte = request.firstByteTimeout() != null ? request.firstByteTimeout() : settings.firstByteTimeout();
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.uri())
                .timeout(firstByte)
                .method(request.method(), request.body().length == 0
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(java.util.Locale.ROOT))) {
                b.header(k, v);
            }
        });
        Duration idle = settings.idleTimeout();
        // cancelling must reach the future: HttpClient aborts the exchange (and frees the connection) on cancel(true)
        return Mono.fromFuture(() -> client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofPublisher()), false)
                .onErrorMap(e -> TransportErrors.map(unwrap(e), true))
                .flatMapMany(res -> Flux.from(handler.handle(
                        new ResponseHead(res.statusCode(), res.headers().map()), body(res.body(), idle))));
    }

    private static Flux<byte[]> body(Flow.Publisher<List<ByteBuffer>> publisher, Duration idle) {
        Flux<byte[]> bytes = JdkFlowAdapter.flowPublisherToFlux(publisher)
                .concatMapIterable(buffers -> buffers)
                .map(buf -> {
                    byte[] b = new byte[buf.remaining()];
                    buf.get(b);
                    return b;
                })
                .filter(b -> b.length > 0);
        return IdleTimeout.apply(bytes, idle)
                .onErrorMap(e -> !(e instanceof TransportException), e -> TransportErrors.map(unwrap(e), false));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    @Override
    public void close() {
        // HttpClient.close() exists only from Java 21; its threads end when the client is collected.
    }
}
