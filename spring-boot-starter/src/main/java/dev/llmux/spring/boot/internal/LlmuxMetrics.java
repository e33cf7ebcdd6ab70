package dev.llmux.spring.boot.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Usage;
import dev.llmux.error.LlmuxException;
import dev.llmux.router.FailureKind;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.RouterListener;

/**
 * Micrometer meters for llmux. As the client's outermost interceptor it sees every call once, with the answer's
 * {@link CallInfo} (the deployment that answered, cost, time to first token): {@code llmux.requests},
 * {@code llmux.errors}, {@code llmux.latency}, {@code llmux.ttft}, {@code llmux.tokens} (kind {@code input}, {@code output}, and
 * their subsets {@code cached_input} and {@code reasoning}), {@code llmux.cost}. As a
 * router listener it counts what happens inside a call: {@code llmux.fallbacks} and {@code llmux.cooldowns}. Tags
 * are bounded by {@link TagBounds}.
 */
public final class LlmuxMetrics extends RouterListener implements LlmInterceptor {

    private final MeterRegistry registry;
    private final TagBounds bounds;

    public LlmuxMetrics(MeterRegistry registry, TagBounds bounds) {
        this.registry = registry;
        this.bounds = bounds;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
        return Mono.defer(() -> {
            long start = System.nanoTime();
            return next.chat(request, options)
                    .doOnNext(r -> succeeded(request.model(), r.callInfo(), r.usage(), false, System.nanoTime() - start, null))
                    .doOnError(e -> failed(request.model(), e, false));
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options, Chain next) {
        return Flux.defer(() -> {
            long start = System.nanoTime();
            AtomicReference<Long> firstChunk = new AtomicReference<>();
            AtomicReference<@Nullable CallInfo> info = new AtomicReference<>();
            AtomicReference<@Nullable Usage> usage = new AtomicReference<>();
            return next.stream(request, options)
                    .doOnNext(c -> {
                        firstChunk.compareAndSet(null, System.nanoTime() - start);
                        if (c.callInfo() != null) {
                            info.set(c.callInfo());
                        }
                        if (c.usage() != null) {
                            usage.set(c.usage());
                        }
                    })
                    .doOnComplete(() -> succeeded(request.model(), info.get(), usage.get(), true, System.nanoTime() - start,
                            firstChunk.get()))
                    .doOnError(e -> failed(request.model(), e, true));
        });
    }

    private void succeeded(String requested, @Nullable CallInfo info, @Nullable Usage usage, boolean stream, long nanos,
            @Nullable Long firstChunkNanos) {
        Tags tags = Tags.of("alias", bounds.alias(info != null && info.modelGroup() != null ? info.modelGroup() : requested),
                "deployment", bounds.deployment(info == null ? null : info.deployment()),
                "provider", bounds.provider(info == null ? null : info.provider()));
        registry.counter("llmux.requests", tags.and("outcome", "success", "stream", Boolean.toString(stream))).increment();
        registry.timer("llmux.latency", tags.and("stream", Boolean.toString(stream)))
                .record(info != null ? info.latency() : Duration.ofNanos(nanos));
        if (stream) {
            Duration ttft = info != null && info.timeToFirstToken() != null ? info.timeToFirstToken()
                    : firstChunkNanos != null ? Duration.ofNanos(firstChunkNanos) : null;
            if (ttft != null) {
                registry.timer("llmux.ttft", tags).record(ttft);
            }
        }
        if (usage != null) {
            tokens(tags, "input", usage.promptTokens());
            tokens(tags, "output", usage.completionTokens());
            // subsets of the two above, for cache hit rates and reasoning spend
            tokens(tags, "cached_input", usage.cachedTokens());
            tokens(tags, "reasoning", usage.reasoningTokens());
        }
        BigDecimal cost = info == null ? null : info.cost();
        if (cost != null) {
            registry.counter("llmux.cost", tags).increment(cost.doubleValue());
        }
    }

    private void tokens(Tags tags, String kind, long count) {
        if (count > 0) {
            registry.counter("llmux.tokens", tags.and("kind", kind)).increment(count);
        }
    }

    private void failed(String requested, Throwable error, boolean stream) {
        String type = error instanceof LlmuxException e ? FailureKind.of(e).name().toLowerCase(Locale.ROOT) : "other";
        Tags tags = Tags.of("alias", bounds.alias(requested));
        registry.counter("llmux.requests", tags.and("deployment", TagBounds.NONE, "provider", TagBounds.NONE, "outcome", "error",
                "stream", Boolean.toString(stream))).increment();
        registry.counter("llmux.errors", tags.and("type", type)).increment();
    }

    @Override
    public void fallback(String fromGroup, String toGroup, Fallbacks.Kind kind, @Nullable LlmuxException error) {
        registry.counter("llmux.fallbacks", "from", bounds.alias(fromGroup), "to", bounds.alias(toGroup),
                "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void cooldownStarted(String group, String deployment, Duration duration, LlmuxException cause) {
        registry.counter("llmux.cooldowns", "alias", bounds.alias(group), "deployment", bounds.deployment(deployment),
                "type", FailureKind.of(cause).name().toLowerCase(Locale.ROOT)).increment();
    }
}
