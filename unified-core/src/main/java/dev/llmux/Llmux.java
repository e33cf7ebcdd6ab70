package dev.llmux;

import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.Usage;
import dev.llmux.catalog.Costs;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.internal.client.ChainLink;
import dev.llmux.internal.client.Dispatcher;
import dev.llmux.internal.client.ModelRef;
import dev.llmux.internal.client.ProcessEnv;
import dev.llmux.internal.client.ProviderRegistry;
import dev.llmux.spi.Provider;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.TransportSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The llmux client: one OpenAI-shaped API for every provider. Build one with {@link #builder()}, share it, and
 * {@link #close()} it when done. Thread-safe.
 *
 * <pre>{@code
 * try (Llmux llmux = Llmux.builder().build()) {
 *     ChatResponse r = llmux.chat("anthropic/claude-sonnet-4-5", ChatMessage.user("Hello"));
 *     System.out.println(r.text() + " cost $" + r.callInfo().cost());
 * }
 * }</pre>
 */
public final class Llmux implements AutoCloseable {

    /** States of a stream under a deadline. */
    private static final int STREAMING = 0;
    private static final int ENDED = 1;
    private static final int EXPIRED = 2;

    private final LlmInterceptor.Chain chain;
    private final Dispatcher dispatcher;
    private final HttpTransport transport;
    private final boolean ownsTransport;

    private Llmux(Builder b) {
        this.ownsTransport = b.transport == null;
        this.transport = b.transport != null ? b.transport : HttpTransport.reactorNetty(b.transportSettings);
        ProviderRegistry registry = ProviderRegistry.load(b.providers, b.discoverProviders);
        this.dispatcher = new Dispatcher(registry, b.catalog, transport, b.clock, b.env, b.settings, b.dropParams);
        this.chain = ChainLink.of(b.interceptors, dispatcher);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sends a chat request and waits on the caller's thread (never call it on an event loop). */
    public ChatResponse chat(ChatRequest request) {
        return chat(request, CallOptions.defaults());
    }

    public ChatResponse chat(ChatRequest request, CallOptions options) {
        return await(chatAsync(request, options), request.model());
    }

    /** Convenience: {@code model} and messages, no other parameters. */
    public ChatResponse chat(String model, ChatMessage... messages) {
        return chat(ChatRequest.builder().model(model).messages(List.of(messages)).build());
    }

    /** Sends a chat request; the work starts on subscription. */
    public Mono<ChatResponse> chatAsync(ChatRequest request) {
        return chatAsync(request, CallOptions.defaults());
    }

    public Mono<ChatResponse> chatAsync(ChatRequest request, CallOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        return withDeadline(chain.chat(request, options), options, request.model());
    }

    /**
     * Streams a chat answer. The {@code Flux} completes only when the provider signalled the end of its answer;
     * a cut connection, an in-stream error or a timeout ends it with an {@link LlmuxException}. The last chunk is
     * usage-only (empty {@code choices}) whenever the provider reports usage, and carries the cost in
     * {@link ChatChunk#callInfo()}.
     */
    public Flux<ChatChunk> stream(ChatRequest request) {
        return stream(request, CallOptions.defaults());
    }

    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(options, "options");
        Flux<ChatChunk> flux = chain.stream(request, options);
        if (options.deadline() == null) {
            return flux;
        }
        Duration d = options.deadline();
        Flux<ChatChunk> source = flux;
        // One deadline for the whole stream, one timer per stream (not one re-armed per chunk). The stream's end
        // and the timer race through one state, so a stream ending as the deadline passes ends one way only.
        return Flux.defer(() -> {
            AtomicInteger state = new AtomicInteger(STREAMING);
            Mono<Long> expired = Mono.delay(d).flatMap(x -> state.compareAndSet(STREAMING, EXPIRED) ? Mono.just(x) : Mono.never());
            return source.doOnComplete(() -> state.compareAndSet(STREAMING, ENDED))
                    .takeUntilOther(expired)
                    .concatWith(Flux.defer(() -> state.get() == EXPIRED ? Flux.error(deadline(d, request.model())) : Flux.empty()));
        });
    }

    public EmbeddingResponse embed(EmbeddingRequest request) {
        return embed(request, CallOptions.defaults());
    }

    public EmbeddingResponse embed(EmbeddingRequest request, CallOptions options) {
        return await(embedAsync(request, options), request.model());
    }

    public Mono<EmbeddingResponse> embedAsync(EmbeddingRequest request, CallOptions options) {
        Objects.requireNonNull(request, "request");
        return withDeadline(chain.embed(request, options), options, request.model());
    }

    /**
     * The USD cost of a response: what llmux computed during the call; else the cost the provider reported in
     * {@code usage.cost}; else the usage priced from the catalog, finding the model by the provider and model in
     * {@link ChatResponse#callInfo()} or, without it, by the response's {@code model} (a bare name or alias such as
     * {@code gpt-4o-2024-08-06}, or {@code provider/model}). Empty when the response has no usage or the model no
     * known prices.
     */
    public Optional<BigDecimal> cost(ChatResponse response) {
        Objects.requireNonNull(response, "response");
        CallInfo info = response.callInfo();
        if (info != null && info.cost() != null) {
            return Optional.of(info.cost());
        }
        Usage usage = response.usage();
        if (usage == null) {
            return Optional.empty();
        }
        if (usage.cost() != null) {
            return Optional.of(usage.cost());
        }
        Optional<ModelInfo> model = info != null ? dispatcher.catalog().find(info.provider(), info.model()) : Optional.empty();
        if (model.isEmpty()) {
            model = findModel(response.model());
        }
        return model.map(m -> Costs.cost(usage, m.prices()));
    }

    /** The catalog entry a model string resolves to, if any. */
    public Optional<ModelInfo> findModel(String model) {
        try {
            ModelRef ref = ModelRef.resolve(model, dispatcher.registry(), dispatcher.catalog());
            String id = dispatcher.registry().find(ref.provider()).map(Provider::id).orElse(ref.provider());
            return dispatcher.catalog().find(id, ref.model());
        } catch (LlmuxException e) {
            // no adapter for it here: the catalog alone may still know the model (to cost a stored response)
            ModelCatalog catalog = dispatcher.catalog();
            int slash = model.indexOf('/');
            Optional<ModelInfo> prefixed = slash > 0 ? catalog.find(model.substring(0, slash), model.substring(slash + 1)) : Optional.empty();
            return prefixed.isPresent() ? prefixed : catalog.findBare(model);
        }
    }

    public ModelCatalog catalog() {
        return dispatcher.catalog();
    }

    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    private static <T> Mono<T> withDeadline(Mono<T> mono, CallOptions options, String model) {
        if (options.deadline() == null) {
            return mono;
        }
        Duration d = options.deadline();
        return mono.timeout(d, Mono.error(() -> deadline(d, model)));
    }

    private static RequestTimeoutException deadline(Duration d, String model) {
        return new RequestTimeoutException("no answer within the call's deadline of " + d.toMillis() + " ms",
                ErrorDetails.of("llmux", model, 408));
    }

    private static <T> T await(Mono<T> mono, String model) {
        CompletableFuture<T> future = mono.toFuture();
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("interrupted while waiting for " + model, ErrorDetails.of("llmux", model, 500), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LlmuxException le) {
                le.addSuppressed(new Exception("awaited here"));
                throw le;
            }
            if (cause instanceof TimeoutException) {
                throw new RequestTimeoutException("timed out: " + cause.getMessage(), ErrorDetails.of("llmux", model, 408), cause);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Builds a {@link Llmux}; every setting is optional. */
    public static final class Builder {
        private @Nullable HttpTransport transport;
        private TransportSettings transportSettings = TransportSettings.defaults();
        private ModelCatalog catalog = ModelCatalog.bundled();
        private Clock clock = Clock.systemUTC();
        private Function<String, String> env = ProcessEnv::get;
        private final List<Provider> providers = new ArrayList<>();
        private boolean discoverProviders = true;
        private final Map<String, ProviderSettings> settings = new LinkedHashMap<>();
        private final List<LlmInterceptor> interceptors = new ArrayList<>();
        private boolean dropParams;

        private Builder() {}

        /** A transport to share (not closed by {@link Llmux#close()}); default: Reactor Netty with {@link #transportSettings}. */
        public Builder transport(HttpTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        public Builder transportSettings(TransportSettings settings) {
            this.transportSettings = Objects.requireNonNull(settings, "transportSettings");
            return this;
        }

        /**
         * The model catalog; default {@link ModelCatalog#bundled()}. To add private models or change prices, lay a
         * file of your own over the bundled one: {@code ModelCatalog.bundled().with(ModelCatalog.load(path))}. For
         * one deployment's prices, see {@link CallOptions#prices()}.
         */
        public Builder catalog(ModelCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where provider keys such as {@code OPENAI_API_KEY} are looked up; default {@link System#getenv(String)}. */
        public Builder env(Function<String, String> env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        /**
         * Whether the built-in providers (and any found with {@link java.util.ServiceLoader} through
         * {@link dev.llmux.spi.ProviderFactory}) are registered; default true. Turn off to allow only the providers
         * added with {@link #provider(Provider)}.
         */
        public Builder discoverProviders(boolean discover) {
            this.discoverProviders = discover;
            return this;
        }

        /** Adds (or replaces, by id) a provider adapter. */
        public Builder provider(Provider provider) {
            this.providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /** Settings for every call to {@code providerId} ({@code api_key}, {@code api_base}, …). */
        public Builder settings(String providerId, ProviderSettings settings) {
            this.settings.put(Objects.requireNonNull(providerId, "providerId"), Objects.requireNonNull(settings, "settings"));
            return this;
        }

        /** Drop unsupported OpenAI parameters instead of failing (LiteLLM's {@code drop_params}); default false. */
        public Builder dropParams(boolean dropParams) {
            this.dropParams = dropParams;
            return this;
        }

        /** Adds an interceptor; the first added runs outermost. */
        public Builder interceptor(LlmInterceptor interceptor) {
            this.interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        public Llmux build() {
            return new Llmux(this);
        }
    }
}
