package dev.llmux.transport.internal;

import dev.llmux.transport.HttpRequest;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.ResponseHead;
import dev.llmux.transport.TransportException;
import dev.llmux.transport.TransportSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * {@link HttpTransport} on Reactor Netty: pooled connections, bodies streamed as they arrive.
 *
 * <p>Given event loops (the gateway passes its server's), the transport keeps one connection pool per loop and a
 * call started on a loop takes a connection of that loop: the upstream request, its answer and the reply to the
 * caller then stay on one thread. With one shared pool a call got whichever idle connection came first, on
 * another loop three times in four (four loops), and each of those calls handed work across threads twice, each
 * hand-over a wake-up of the other loop. Calls from other threads use a shared pool.
 */
public final class ReactorNettyTransport implements HttpTransport {

    private final TransportSettings settings;
    private final ConnectionProvider pool;
    private final HttpClient client;
    /** The given event loops, and for each its own pool and client (empty without loops). */
    private final EventLoop[] loops;
    private final ConnectionProvider[] loopPools;
    private final HttpClient[] loopClients;

    public ReactorNettyTransport(TransportSettings settings) {
        this(settings, null);
    }

    /**
     * A transport whose connections run on {@code loops} (Reactor Netty's global loops when null). With loops,
     * {@link TransportSettings#maxConnections()} is shared out evenly among the per-loop pools (at least one each)
     * and the pool for other threads.
     */
    public ReactorNettyTransport(TransportSettings settings, @Nullable LoopResources loops) {
        this.settings = settings;
        List<EventLoop> executors = new ArrayList<>();
        if (loops != null) {
            loops.onClient(LoopResources.DEFAULT_NATIVE).forEach(e -> {
                if (e instanceof EventLoop loop) { // what Netty's groups hold; anything else gets the shared pool
                    executors.add(loop);
                }
            });
        }
        int share = Math.max(1, -Math.floorDiv(-settings.maxConnections(), executors.size() + 1)); // ceiling
        this.pool = pool("llmux", loops == null ? settings.maxConnections() : share);
        this.client = loops == null ? client(pool) : client(pool).runOn(loops);
        this.loops = executors.toArray(new EventLoop[0]);
        this.loopPools = new ConnectionProvider[this.loops.length];
        this.loopClients = new HttpClient[this.loops.length];
        for (int i = 0; i < this.loops.length; i++) {
            loopPools[i] = pool("llmux-loop-" + i, share);
            loopClients[i] = client(loopPools[i]).runOn(this.loops[i]);
        }
    }

    private HttpClient client(ConnectionProvider pool) {
        return HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .keepAlive(true);
    }

    private ConnectionProvider pool(String name, int maxConnections) {
        return ConnectionProvider.builder(name)
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(settings.connectTimeout().plus(settings.connectTimeout()))
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(30))
                .build();
    }

    /** The client of the loop running this thread, or the shared one. */
    private HttpClient client() {
        EventLoop[] l = loops;
        for (int i = 0; i < l.length; i++) {
            if (l[i].inEventLoop()) {
                return loopClients[i];
            }
        }
        return client;
    }

    @Override
    public <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler) {
        Duration firstByte = request.firstByteTimeout() != null ? request.firstByteTimeout() : settings.firstByteTimeout();
        Duration idle = settings.idleTimeout();
        // headers and the first-byte timeout go on the request itself: client.headers(..) and client.responseTimeout(..)
        // would each copy the whole client configuration on every call
        byte[] body = request.body();
        return client().request(HttpMethod.valueOf(request.method()))
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
        Mono.when(Stream.concat(Stream.of(pool), Arrays.stream(loopPools)).map(ConnectionProvider::disposeLater).toList())
                .block(Duration.ofSeconds(5));
    }
}
