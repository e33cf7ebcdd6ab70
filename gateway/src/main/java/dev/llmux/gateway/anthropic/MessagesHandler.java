package dev.llmux.gateway.anthropic;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.gateway.http.Bodies;
import dev.llmux.gateway.http.CallService;
import dev.llmux.gateway.http.ErrorBodies;
import dev.llmux.gateway.http.Intake;
import dev.llmux.gateway.http.RequestContext;
import dev.llmux.gateway.http.Responses;
import dev.llmux.gateway.http.SseBody;
import dev.llmux.internal.json.Json;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/messages}: Anthropic's Messages API over the same router, keys, limits and spend logs as
 * {@code /v1/chat/completions}. Requests are translated to llmux's OpenAI-shaped types, answers and streams back,
 * errors in Anthropic's error shape.
 */
public final class MessagesHandler {

    private final Intake intake;
    private final CallService calls;

    public MessagesHandler(Intake intake) {
        this.intake = intake;
        this.calls = intake.calls();
    }

    public Mono<ServerResponse> handle(ServerRequest request) {
        return intake.serve(request, "messages", (ctx, bytes) ->
                Mono.fromSupplier(() -> {
                            JsonNode body = Bodies.tree(bytes);
                            String model = body.path("model").asString("");
                            return new Call(model, calls.prepareChat(ctx.caller(), AnthropicRequests.toOpenAi(body)));
                        })
                        .onErrorResume(e -> calls.rejected(ctx, e))
                        .flatMap(c -> c.prepared().request().isStream() ? stream(ctx, c) : json(ctx, c)),
                MessagesHandler::error);
    }

    private record Call(String requestedModel, CallService.Prepared<ChatRequest> prepared) {}

    private Mono<ServerResponse> json(RequestContext ctx, Call c) {
        return calls.chat(ctx, c.prepared())
                .flatMap(res -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                        .headers(h -> Responses.callHeaders(h, ctx, res.callInfo(), true))
                        .body(BodyInserters.fromValue(Json.write(AnthropicResponses.message(res, c.requestedModel())))));
    }

    private Mono<ServerResponse> stream(RequestContext ctx, Call c) {
        AnthropicStream translator = new AnthropicStream(c.requestedModel());
        Flux<ChatChunk> chunks = calls.stream(ctx, c.prepared());
        return chunks.switchOnFirst((first, all) -> {
            if (first.hasError()) {
                return Mono.error(first.getThrowable());
            }
            ChatChunk head = first.get();
            Flux<byte[]> events = all.concatMapIterable(translator::onChunk)
                    .concatWith(Flux.defer(() -> Flux.fromIterable(translator.finish())))
                    .onErrorResume(e -> Mono.just(SseBody.named("error", AnthropicResponses.error(ErrorBodies.of(e)))));
            return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .headers(h -> {
                        h.setCacheControl("no-cache");
                        Responses.callHeaders(h, ctx, head == null ? null : head.callInfo(), false);
                    })
                    .body(SseBody.events(events));
        }, false).single();
    }

    private static Mono<ServerResponse> error(Throwable e, @Nullable RequestContext ctx) {
        ErrorBodies.Failure f = ErrorBodies.of(e);
        return ServerResponse.status(f.status()).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> Responses.errorHeaders(h, e, f, ctx))
                .body(BodyInserters.fromValue(Json.write(AnthropicResponses.error(f))));
    }
}
