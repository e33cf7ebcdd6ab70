package dev.llmux.gateway.http;

import dev.llmux.gateway.auth.Authenticator;
import java.time.Clock;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST /v1/embeddings}. */
public final class EmbeddingsHandler {

    private final Authenticator auth;
    private final CallService calls;
    private final long maxBytes;
    private final Clock clock;

    public EmbeddingsHandler(Authenticator auth, CallService calls, long maxBytes, Clock clock) {
        this.auth = auth;
        this.calls = calls;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        return auth.authenticate(request).flatMap(caller -> {
            RequestContext ctx = RequestContext.start("embeddings", caller, clock.instant());
            return Bodies.readObject(request, maxBytes)
                    .map(body -> calls.prepareEmbedding(caller, body))
                    .onErrorResume(e -> calls.rejected(ctx, e))
                    .flatMap(p -> calls.embed(ctx, p))
                    .flatMap(res -> Responses.json(res, ctx, res.callInfo(), true))
                    .onErrorResume(e -> Responses.error(e, ctx));
        }).onErrorResume(e -> Responses.error(e, null));
    }
}
