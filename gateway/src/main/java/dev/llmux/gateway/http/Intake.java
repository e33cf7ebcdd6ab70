package dev.llmux.gateway.http;

import dev.llmux.gateway.auth.Authenticator;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The front half every data-plane endpoint shares: read the bounded body, authenticate, open the
 * {@link RequestContext}, then hand over. The body is read before the key is checked so that a refused request
 * leaves nothing unread on a kept-alive connection; a body over the limit is still attributed to its key (and
 * logged as rejected) when the key is good, and a bad key still wins over a bad body.
 */
public final class Intake {

    /** Renders a failure in the endpoint's own error shape; {@code ctx} is null when the caller is unknown. */
    public interface ErrorRenderer {
        Mono<ServerResponse> render(Throwable error, @Nullable RequestContext ctx);
    }

    private final Authenticator auth;
    private final CallService calls;
    private final long maxBytes;
    private final Clock clock;

    public Intake(Authenticator auth, CallService calls, long maxBytes, Clock clock) {
        this.auth = auth;
        this.calls = calls;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public CallService calls() {
        return calls;
    }

    public Mono<ServerResponse> serve(ServerRequest request, String endpoint,
            BiFunction<RequestContext, byte[], Mono<ServerResponse>> work, ErrorRenderer errors) {
        return Mono.defer(() -> {
            Instant received = clock.instant();
            long startNanos = System.nanoTime();
            Mono<Object> body = Bodies.readBytes(request, maxBytes).<Object>map(b -> b)
                    .onErrorResume(GatewayException.class, Mono::just);
            return body.flatMap(b -> auth.authenticate(request).flatMap(caller -> {
                RequestContext ctx = RequestContext.start(endpoint, caller, received, startNanos);
                Mono<ServerResponse> answer = b instanceof byte[] bytes
                        ? work.apply(ctx, bytes)
                        : calls.rejected(ctx, (GatewayException) b);
                return answer.onErrorResume(e -> errors.render(e, ctx));
            })).onErrorResume(e -> errors.render(e, null));
        });
    }
}
