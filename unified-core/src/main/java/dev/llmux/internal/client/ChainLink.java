package dev.llmux.internal.client;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** One interceptor bound to the rest of the chain. */
public final class ChainLink implements LlmInterceptor.Chain {

    private final LlmInterceptor interceptor;
    private final LlmInterceptor.Chain next;

    private ChainLink(LlmInterceptor interceptor, LlmInterceptor.Chain next) {
        this.interceptor = interceptor;
        this.next = next;
    }

    /** Builds the chain: {@code interceptors.get(0)} runs first, {@code terminal} last. */
    public static LlmInterceptor.Chain of(List<LlmInterceptor> interceptors, LlmInterceptor.Chain terminal) {
        LlmInterceptor.Chain chain = terminal;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            chain = new ChainLink(interceptors.get(i), chain);
        }
        return chain;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, CallOptions options) {
        return Mono.defer(() -> nonNull(interceptor.chat(request, options, next), "chat"));
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options) {
        return Flux.defer(() -> nonNull(interceptor.stream(request, options, next), "stream"));
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options) {
        return Mono.defer(() -> nonNull(interceptor.embed(request, options, next), "embed"));
    }

    private <T> T nonNull(T value, String method) {
        if (value == null) {
            throw new IllegalStateException("interceptor " + interceptor.getClass().getName() + "." + method + " returned null");
        }
        return value;
    }
}
