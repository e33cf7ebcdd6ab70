package dev.llmux.spring.boot.internal;

import org.jspecify.annotations.Nullable;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.Usage;

/**
 * One Micrometer {@link Observation} per call, named after the OpenTelemetry GenAI conventions
 * ({@code gen_ai.client.operation}, keys {@code gen_ai.operation.name}, {@code gen_ai.request.model},
 * {@code gen_ai.response.model}, {@code gen_ai.provider.name}, {@code gen_ai.usage.*}), so a tracing or metrics
 * handler sees llmux calls whichever framework (LangChain4j, Spring AI, plain client) made them. Request and response
 * contents are never recorded. Model names are the configured aliases (low cardinality); token counts are high
 * cardinality keys.
 */
public final class LlmuxObservations implements LlmInterceptor {

    public static final String NAME = "gen_ai.client.operation";

    private final ObservationRegistry registry;
    private final TagBounds bounds;

    public LlmuxObservations(ObservationRegistry registry, TagBounds bounds) {
        this.registry = registry;
        this.bounds = bounds;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
        return Mono.defer(() -> {
            Observation obs = start("chat", request.model());
            return next.chat(request, options)
                    .doOnNext(r -> answered(obs, r.callInfo(), r.usage()))
                    .doOnError(obs::error)
                    .doFinally(s -> obs.stop());
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options, Chain next) {
        return Flux.defer(() -> {
            Observation obs = start("chat", request.model());
            return next.stream(request, options)
                    .doOnNext(c -> {
                        if (c.callInfo() != null || c.usage() != null) {
                            answered(obs, c.callInfo(), c.usage());
                        }
                    })
                    .doOnError(obs::error)
                    .doFinally(s -> obs.stop());
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options, Chain next) {
        return Mono.defer(() -> {
            Observation obs = start("embeddings", request.model());
            return next.embed(request, options)
                    .doOnError(obs::error)
                    .doFinally(s -> obs.stop());
        });
    }

    private Observation start(String operation, String model) {
        return Observation.createNotStarted(NAME, registry)
                .contextualName(operation + " " + bounds.alias(model))
                .lowCardinalityKeyValue("gen_ai.operation.name", operation)
                .lowCardinalityKeyValue("gen_ai.request.model", bounds.alias(model))
                .start();
    }

    private void answered(Observation obs, @Nullable CallInfo info, @Nullable Usage usage) {
        if (info != null) {
            obs.lowCardinalityKeyValue("gen_ai.provider.name", bounds.provider(info.provider()));
            obs.highCardinalityKeyValue("gen_ai.response.model", info.model());
            if (info.deployment() != null) {
                obs.lowCardinalityKeyValue("llmux.deployment", bounds.deployment(info.deployment()));
            }
        }
        if (usage != null) {
            obs.highCardinalityKeyValue("gen_ai.usage.input_tokens", Integer.toString(usage.promptTokens()));
            obs.highCardinalityKeyValue("gen_ai.usage.output_tokens", Integer.toString(usage.completionTokens()));
        }
    }
}
