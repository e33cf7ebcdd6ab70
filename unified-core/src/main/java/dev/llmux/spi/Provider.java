package dev.llmux.spi;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.UnsupportedParamsException;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A provider adapter: translates OpenAI-shaped requests to one provider's API and its answers back.
 *
 * <p>Contract: adapters are stateless per call and thread-safe; they never retry (the router is the one retry
 * loop); every failure is an {@link dev.llmux.error.LlmuxException} (HTTP errors, errors inside a 200 body or
 * stream, a body that does not parse, a stream that ends without its terminator, transport failures); a stream
 * never completes normally unless the provider signalled its end.
 */
public interface Provider {

    /** The ids this adapter answers to as a model prefix; the first is its canonical name. */
    Set<String> ids();

    /** The canonical id. */
    default String id() {
        return ids().iterator().next();
    }

    /**
     * The OpenAI parameters (wire names, as in {@link ChatRequest#setParams()}) this provider can honour for
     * {@code model}. llmux rejects (or, with {@code drop_params}, drops) the others before calling.
     */
    Set<String> supportedParams(String model);

    Mono<ChatResponse> chat(ChatRequest request, ProviderCall call);

    /**
     * Streams the answer. Chunks are OpenAI {@code chat.completion.chunk}s; the adapter ends with a usage-only chunk
     * (empty {@code choices}) whenever the provider reports usage, whether or not the caller asked for it.
     */
    Flux<ChatChunk> stream(ChatRequest request, ProviderCall call);

    default Mono<EmbeddingResponse> embed(EmbeddingRequest request, ProviderCall call) {
        return Mono.error(new UnsupportedParamsException(
                id() + " does not offer embeddings", ErrorDetails.of(id(), call.model(), 400)));
    }
}
