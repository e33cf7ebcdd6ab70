package dev.llmux.transport;

import dev.llmux.transport.internal.JdkHttpTransport;
import dev.llmux.transport.internal.ReactorNettyTransport;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * Sends one HTTP request and hands its head and streaming body to a handler. Implementations are thread-safe,
 * share one connection pool, and fail with {@link TransportException} below HTTP; an HTTP error status is not a
 * failure here (the handler sees it). Cancelling the returned {@code Flux} aborts the exchange.
 */
public interface HttpTransport extends AutoCloseable {

    /**
     * Sends {@code request}; once the response head arrives, {@code handler} maps it and the body (chunks as
     * they arrive, copied, each non-empty) into the results. Each chunk is a fresh array the transport never touches
     * again: the handler may keep it ({@link BufferedResponse#collect} keeps a one-chunk body as it is).
     */
    <T> Flux<T> exchange(HttpRequest request, ResponseHandler<T> handler);

    /** Convenience: the whole response, body buffered. */
    default Mono<BufferedResponse> send(HttpRequest request) {
        return exchange(request, (head, body) -> BufferedResponse.collect(head, body)).next();
    }

    /** Releases pooled connections. */
    @Override
    void close();

    /** The default transport: Reactor Netty, non-blocking, pooled. */
    static HttpTransport reactorNetty(TransportSettings settings) {
        return new ReactorNettyTransport(settings);
    }

    /**
     * Reactor Netty on the given event loops instead of Reactor Netty's global ones. A server built on Reactor Netty
     * (a proxy, a WebFlux app) passes its own loops, so the upstream call is made from the thread that received the
     * request, without a hop to a second set of I/O threads: a call started on one of the loops uses a connection
     * of that loop (one pool per loop, {@code maxConnections} shared out among them), so its answer arrives on the
     * same thread. The loops are not closed by {@link #close()}.
     */
    static HttpTransport reactorNetty(TransportSettings settings, LoopResources loops) {
        return new ReactorNettyTransport(settings, java.util.Objects.requireNonNull(loops, "loops"));
    }

    /** A transport on the JDK's {@code java.net.http.HttpClient}, for zero extra runtime dependencies. */
    static HttpTransport jdk(TransportSettings settings) {
        return new JdkHttpTransport(settings);
    }

    /** Maps a response head and its body into results. */
    @FunctionalInterface
    interface ResponseHandler<T> {
        Publisher<T> handle(ResponseHead head, Flux<byte[]> body);
    }
}
