package dev.llmux;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One link of the call chain. Caching, limits, routing (retries, fallbacks, cooldowns) and cost recording are
 * ordinary interceptors; the last link sends the request to its provider. Interceptors run in the order they
 * were added to the builder, outermost first. Each method's default passes the call on unchanged.
 *
 * <p>An interceptor may change the request or options, answer without proceeding (a cache hit), or proceed
 * several times (a retry). It must not block: the methods are called during assembly, the work happens on
 * subscription.
 */
public interface LlmInterceptor {

    default Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
        return next.chat(request, options);
    }

    default Flux<ChatChunk> stream(ChatRequest request, CallOptions options, Chain next) {
        return next.stream(request, options);
    }

    default Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options, Chain next) {
        return next.embed(request, options);
    }

    /** The rest of the chain after an interceptor. */
    interface Chain {
        Mono<ChatResponse> chat(ChatRequest request, CallOptions options);

        Flux<ChatChunk> stream(ChatRequest request, CallOptions options);

        Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options);
    }
}
