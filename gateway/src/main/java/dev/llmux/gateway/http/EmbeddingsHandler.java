package dev.llmux.gateway.http;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST /v1/embeddings}. */
public final class EmbeddingsHandler {

    private final Intake intake;
    private final CallService calls;

    public EmbeddingsHandler(Intake intake) {
        this.intake = intake;
        this.calls = intake.calls();
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        return intake.serve(request, "embeddings", (ctx, bytes) ->
                Mono.fromSupplier(() -> calls.prepareEmbedding(ctx.caller(), Bodies.tree(bytes)))
                        .onErrorResume(e -> calls.rejected(ctx, e))
                        .flatMap(p -> calls.embed(ctx, p))
                        .flatMap(res -> Responses.json(res, ctx, res.callInfo(), true)), Responses::error);
    }
}
