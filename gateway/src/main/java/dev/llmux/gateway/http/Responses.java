package dev.llmux.gateway.http;

import dev.llmux.api.CallInfo;
import dev.llmux.internal.json.Json;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Builds responses. Bodies are serialized with llmux's own mapper (the core records are the wire format). The
 * {@code x-llmux-*} headers say what happened:
 * <ul>
 *   <li>{@code x-llmux-request-id}: the gateway's id for the request (also the spend log's id)</li>
 *   <li>{@code x-llmux-provider}, {@code x-llmux-model}: the provider and its model name that answered</li>
 *   <li>{@code x-llmux-deployment}: the router deployment that answered, when a router chose one</li>
 *   <li>{@code x-llmux-attempts}: provider calls made, retries and fallbacks included</li>
 *   <li>{@code x-llmux-response-cost}: USD cost of the answer (not on streams: it is known only at their end)</li>
 *   <li>{@code x-llmux-overhead-ms}: time spent in the gateway outside the provider call (for streams, up to the
 *       first chunk)</li>
 * </ul>
 */
public final class Responses {

    public static final String REQUEST_ID = "x-llmux-request-id";
    public static final String PROVIDER = "x-llmux-provider";
    public static final String MODEL = "x-llmux-model";
    public static final String DEPLOYMENT = "x-llmux-deployment";
    public static final String ATTEMPTS = "x-llmux-attempts";
    public static final String COST = "x-llmux-response-cost";
    public static final String OVERHEAD = "x-llmux-overhead-ms";

    private Responses() {}

    public static Mono<ServerResponse> json(Object body, @Nullable RequestContext ctx, @Nullable CallInfo info, boolean withCost) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .headers(h -> callHeaders(h, ctx, info, withCost))
                .body(jsonBytes(Json.write(body)));
    }

    /**
     * Writes already-serialized bytes as they are, with their {@code Content-Length}: what
     * {@code BodyInserters.fromValue(bytes)} ends up doing, without looking the byte-array writer up among the
     * codecs on every answer.
     */
    static BodyInserter<byte[], ReactiveHttpOutputMessage> jsonBytes(byte[] bytes) {
        return (message, context) -> {
            message.getHeaders().setContentLength(bytes.length);
            return message.writeWith(Mono.just(message.bufferFactory().wrap(bytes)));
        };
    }

    public static void callHeaders(HttpHeaders h, @Nullable RequestContext ctx, @Nullable CallInfo info, boolean withCost) {
        if (ctx != null) {
            h.set(REQUEST_ID, ctx.requestId());
        }
        if (info == null) {
            return;
        }
        h.set(PROVIDER, info.provider());
        h.set(MODEL, info.model());
        if (info.deployment() != null) {
            h.set(DEPLOYMENT, info.deployment());
        }
        h.set(ATTEMPTS, Integer.toString(info.attempts()));
        if (withCost && info.cost() != null) {
            h.set(COST, info.cost().toPlainString());
        }
        if (ctx != null) {
            h.set(OVERHEAD, Long.toString(CallService.overheadMs(ctx,
                    withCost ? info.latency() : info.timeToFirstToken() != null ? info.timeToFirstToken() : info.latency())));
        }
    }

    /** An error in OpenAI's shape with its status (and {@code retry-after} when known). */
    public static Mono<ServerResponse> error(Throwable e, @Nullable RequestContext ctx) {
        ErrorBodies.Failure f = ErrorBodies.of(e);
        return ServerResponse.status(f.status()).contentType(MediaType.APPLICATION_JSON)
                .headers(h -> errorHeaders(h, e, f, ctx))
                .body(BodyInserters.fromValue(f.body()));
    }

    /**
     * The headers every error answer carries, whatever its body's shape: the request id, {@code retry-after} when
     * known, and {@code Connection: close} when part of the request was left unread.
     */
    public static void errorHeaders(HttpHeaders h, Throwable e, ErrorBodies.Failure f, @Nullable RequestContext ctx) {
        if (ctx != null) {
            h.set(REQUEST_ID, ctx.requestId());
        }
        if (f.retryAfterSeconds() != null) {
            h.set(HttpHeaders.RETRY_AFTER, Long.toString(f.retryAfterSeconds()));
        }
        if (e instanceof GatewayException g && g.closesConnection()) {
            h.set(HttpHeaders.CONNECTION, "close");
        }
    }
}
