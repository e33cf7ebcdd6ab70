package dev.llmux.gateway.http;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code POST /v1/chat/completions}: JSON or server-sent events. */
public final class ChatHandler {

    private final Intake intake;
    private final CallService calls;

    public ChatHandler(Intake intake) {
        this.intake = intake;
        this.calls = intake.calls();
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        return intake.serve(request, "chat", (ctx, bytes) ->
                Mono.fromSupplier(() -> calls.prepareChat(ctx.caller(), bytes))
                        .onErrorResume(e -> calls.rejected(ctx, e))
                        .flatMap(p -> p.request().isStream() ? stream(ctx, p) : json(ctx, p)), Responses::error);
    }

    private Mono<ServerResponse> json(RequestContext ctx, CallService.Prepared<ChatRequest> p) {
        return calls.chat(ctx, p).flatMap(res -> Responses.json(res, ctx, res.callInfo(), true));
    }

    /**
     * Waits for the first chunk before answering, so failures before it (bad model, auth at the provider, limits)
     * still get their HTTP status and the router can fall back; after it the status is 200 and errors are events.
     */
    private Mono<ServerResponse> stream(RequestContext ctx, CallService.Prepared<ChatRequest> p) {
        Flux<ChatChunk> chunks = calls.stream(ctx, p);
        return chunks.switchOnFirst((first, all) -> {
            if (first.hasError()) {
                return Mono.error(first.getThrowable());
            }
            ChatChunk head = first.get();
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .headers(h -> {
                        h.setCacheControl("no-cache");
                        Responses.callHeaders(h, ctx, head == null ? null : head.callInfo(), false);
                    })
                    .body(SseBody.openAi(all));
        }, false).single();
    }
}
