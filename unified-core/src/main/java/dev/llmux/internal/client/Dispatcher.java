package dev.llmux.internal.client;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.Usage;
import dev.llmux.catalog.Costs;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderCall;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpTransport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The last link of the chain: resolves the model, applies the parameter policy, calls the provider, costs the answer. */
public final class Dispatcher implements LlmInterceptor.Chain {

    private final ProviderRegistry registry;
    private final ModelCatalog catalog;
    private final HttpTransport transport;
    private final Clock clock;
    private final Function<String, String> env;
    private final Map<String, ProviderSettings> providerSettings;
    private final boolean dropParams;

    public Dispatcher(ProviderRegistry registry, ModelCatalog catalog, HttpTransport transport, Clock clock,
            Function<String, String> env, Map<String, ProviderSettings> providerSettings, boolean dropParams) {
        this.registry = registry;
        this.catalog = catalog;
        this.transport = transport;
        this.clock = clock;
        this.env = env;
        this.providerSettings = Map.copyOf(providerSettings);
        this.dropParams = dropParams;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    public ProviderRegistry registry() {
        return registry;
    }

    private static final String MOCK_RESPONSE = "mock_response";

    private record Prepared(Provider provider, ProviderCall call, ChatRequest request) {}

    private Prepared prepare(ChatRequest request, CallOptions options) {
        ModelRef ref = ModelRef.resolve(request.model(), registry, catalog);
        Provider provider = registry.find(ref.provider()).orElseThrow();
        ProviderCall call = call(ref, provider, options);
        if (request.extra().containsKey(MOCK_RESPONSE) || call.settings().get(MOCK_RESPONSE) != null) {
            // LiteLLM's mock_response (in the request or a deployment's settings) works on any model: answer
            // locally, never calling the named provider
            provider = registry.find("mock").orElse(provider);
        }
        boolean drop = options.dropParams() != null ? options.dropParams() : dropParams;
        ChatRequest req = ParamPolicy.apply(request.withModel(ref.model()), ref.provider(), ref.model(),
                provider.supportedParams(ref.model()), drop, options.additionalDropParams());
        return new Prepared(provider, call, req);
    }

    private ProviderCall call(ModelRef ref, Provider provider, CallOptions options) {
        ProviderSettings settings = providerSettings.getOrDefault(ref.provider(),
                        providerSettings.getOrDefault(provider.id(), ProviderSettings.empty()))
                .overriddenBy(options.settings());
        try {
            settings = settings.resolve(env);
        } catch (IllegalArgumentException e) {
            throw new dev.llmux.error.AuthenticationException(e.getMessage(), ErrorDetails.of(ref.provider(), ref.model(), 401));
        }
        return new ProviderCall(ref.provider(), ref.model(), settings, transport, clock, env, options.timeout());
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, CallOptions options) {
        return Mono.defer(() -> {
            Prepared p = prepare(request.isStream() ? request.toBuilder().stream(null).streamOptions(null).build() : request, options);
            long start = clock.millis();
            return p.provider().chat(p.request(), p.call())
                    .map(res -> res.withCallInfo(new CallInfo(p.provider().id(), p.call().model(), null, null, 1,
                            Duration.ofMillis(clock.millis() - start), null, cost(p, options, res.usage()), false)))
                    .onErrorMap(e -> !(e instanceof LlmuxException), e -> unexpected(p.call(), e));
        });
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options) {
        return Flux.defer(() -> {
            Prepared p = prepare(request.isStream() ? request : request.toBuilder().stream(true).build(), options);
            long start = clock.millis();
            AtomicReference<CallInfo> info = new AtomicReference<>();
            return p.provider().stream(p.request(), p.call())
                    .map(chunk -> {
                        CallInfo current = info.get();
                        long now = clock.millis();
                        if (current == null) {
                            current = new CallInfo(p.provider().id(), p.call().model(), null, null, 1, Duration.ofMillis(now - start),
                                    Duration.ofMillis(now - start), null, false);
                        } else if (current.latency().toMillis() != now - start) {
                            current = current.withLatency(Duration.ofMillis(now - start));
                        } // else: the same info as the previous chunk's, shared (it is immutable)
                        if (chunk.usage() != null) {
                            current = current.withCost(cost(p, options, chunk.usage()));
                        }
                        info.set(current);
                        return chunk.withCallInfo(current);
                    })
                    .onErrorMap(e -> !(e instanceof LlmuxException), e -> unexpected(p.call(), e));
        });
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options) {
        return Mono.defer(() -> {
            ModelRef ref = ModelRef.resolve(request.model(), registry, catalog);
            Provider provider = registry.find(ref.provider()).orElseThrow();
            ProviderCall call = call(ref, provider, options);
            long start = clock.millis();
            return provider.embed(request.withModel(ref.model()), call)
                    .map(res -> {
                        BigDecimal cost = null;
                        ModelPrices prices = prices(provider, ref.model(), options);
                        if (prices != null && res.usage() != null) {
                            cost = Costs.cost(Usage.of(res.usage().promptTokens(), 0), prices);
                        }
                        return res.withCallInfo(new CallInfo(provider.id(), ref.model(), null, null, 1,
                                Duration.ofMillis(clock.millis() - start), null, cost, false));
                    })
                    .onErrorMap(e -> !(e instanceof LlmuxException), e -> unexpected(call, e));
        });
    }

    private @Nullable BigDecimal cost(Prepared p, CallOptions options, @Nullable Usage usage) {
        if (usage == null) {
            return null;
        }
        // A deployment's own prices win; then what the provider billed (OpenRouter reports usage.cost), which is
        // more accurate than any table; then the catalog.
        if (options.prices() != null) {
            return Costs.cost(usage, options.prices());
        }
        if (usage.cost() != null) {
            return usage.cost();
        }
        ModelPrices prices = prices(p.provider(), p.call().model(), options);
        return prices == null ? null : Costs.cost(usage, prices);
    }

    private @Nullable ModelPrices prices(Provider provider, String model, CallOptions options) {
        if (options.prices() != null) {
            return options.prices();
        }
        return catalog.find(provider.id(), model).map(ModelInfo::prices).orElse(null);
    }

    private static LlmuxException unexpected(ProviderCall call, Throwable e) {
        return new BadGatewayException(call.provider() + " call failed unexpectedly: " + e,
                ErrorDetails.of(call.provider(), call.model(), 502), e);
    }
}
