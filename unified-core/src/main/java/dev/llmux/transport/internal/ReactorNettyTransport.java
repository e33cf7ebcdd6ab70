package dev.llmux.transport.internal;

import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.ResponseHead;
import dev.llmux.transport.TransportException;
import dev.llmux.transport.TransportSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/** {@link HttpTransport} on Reactor Netty: pooled connections, bodies streamed as they arrive. */
public final class ReactorNettyTransport implements HttpTransport {

    private final TransportSettings settings;
    private final ConnectionProvider pool;
    private final HttpClient client;

    public ReactorNettyTransport(TransportSettings settings) {
        this(settings, null);
    }

    /** A transport whose connections run on {@code loops} (Reactor Netty's global loops when null). */
    public ReactorNettyTransport(TransportSettings settings, @Nullable LoopResources loops) {
        this.settings = settings;
        this.pool = ConnectionProvider.builder("llmux")
                .maxConnections(settings.maxConnections())
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(settings.connectTimeout().plus(settings.connectTimeout()))
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
        HttpClient c = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .keepAlive(true);
        this.client = loops == null ? c : c.runOn(loops);
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
        Duration firstByte = request.firstByteTimeout() != null ? request.firstByteTimeout() : settings.firstByteTimeout();
        Duration idle = settings.idleTimeout();
        // headers and the first-byte timeout go on the request itself: client.headers(..) and client.responseTimeout(..)
        // would each copy the whole client configuration on every call
        byte[] body = request.body();
        return client.request(HttpMethod.valueOf(request.method()))
                .uri(request.uri())
                .send((req, out) -> {
                    request.headers().forEach(req.requestHeaders()::set); // set, as before: replaces a default, never doubles it
                    req.responseTimeout(firstByte);
                    return body.length == 0 ? out : out.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
                })
                .response((res, content) -> handler.handle(head(res), body(content, idle)))
                .onErrorMap(e -> !(e instanceof TransportException) && TransportErrors.isTransportLevel(e), e -> TransportErrors.map(e, true));
    }

    private static Flux<byte[]> body(ByteBufFlux content, Duration idle) {
        return IdleTimeout.apply(content.asByteArray().filter(b -> b.length > 0), idle)
                .onErrorMap(e -> !(e instanceof TransportException) && TransportErrors.isTransportLevel(e), e -> TransportErrors.map(e, false));
    }

    private static ResponseHead head(HttpClientResponse res) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        res.responseHeaders().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return new ResponseHead(res.status().code(), headers);
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }
}
