package dev.llmux.router;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.internal.stream.CoarseTimer;
import dev.llmux.router.internal.GuardedListener;
import dev.llmux.router.internal.RouterCore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Routes calls for model groups (aliases) over their deployments: picks a deployment by strategy, retries, falls
 * back, cools failing deployments down, enforces rpm/tpm limits and budgets, and optionally caches answers. It is
 * the one retry loop of llmux (providers never retry). Add it to a client as an interceptor:
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .deployment(Deployment.builder("smart", "anthropic/claude-sonnet-4-5").rpm(500).build())
 *         .deployment(Deployment.builder("smart", "openai/gpt-4o").order(2).build())
 *         .deployment(Deployment.of("local", "ollama/llama3.2"))
 *         .settings(RouterSettings.builder()
 *                 .fallbacks(Fallbacks.NONE.withGeneric("smart", List.of("local")))
 *                 .build())
 *         .build();
 * Llmux llmux = Llmux.builder().interceptor(router).build();
 * ChatResponse answer = llmux.chat("smart", ChatMessage.user("Hello"));
 * answer.callInfo().deployment(); // which deployment answered, and attempts() how many calls it took
 * }</pre>
 *
 * <p>A model that is not a group (nor a group alias) passes through untouched. For each attempt the router
 * rewrites the request's model to the deployment's, lays the deployment's settings under the caller's
 * ({@link CallOptions#settings()} wins), and passes the deployment's timeout and custom prices through
 * {@link CallOptions}. The answer's {@link dev.llmux.api.CallInfo} names the deployment, the group and the attempts.
 *
 * <p>Streams are retried and fall back only until their first chunk reaches the caller; a failure after that ends
 * the {@code Flux} with the provider's typed {@link dev.llmux.error.LlmuxException}, never a clean completion.
 *
 * <p>Time: every duration is measured with the builder's {@link Clock}, and every wait (backoff, attempt timeouts,
 * the call deadline) is a Reactor delay on the builder's {@link Scheduler}; nothing blocks a thread.
 */
public final class Router implements LlmInterceptor {

    private final RouterCore core;

    private Router(RouterCore core) {
        this.core = core;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The group names this router serves (aliases excluded). */
    public Set<String> groups() {
        return core.groups().keySet();
    }

    /** The deployments of {@code group}, in configuration order; empty for an unknown group. */
    public List<Deployment> deployments(String group) {
        return core.groups().getOrDefault(group, List.of());
    }

    public RouterSettings settings() {
        return core.settings();
    }

    public RouterState state() {
        return core.state();
    }

    /** True when {@code model} is a group or a group alias this router would route. */
    public boolean routes(String model) {
        return core.resolveGroup(model) != null;
    }

    @Override
    public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, Chain next) {
        return core.chat(request, options, next);
    }

    @Override
    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options, Chain next) {
        return core.stream(request, options, next);
    }

    @Override
    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options, Chain next) {
        return core.embed(request, options, next);
    }

    /** Builds a {@link Router}. At least one deployment is required; everything else has a default. */
    public static final class Builder {
        private final List<Deployment> deployments = new ArrayList<>();
        private RouterSettings settings = RouterSettings.defaults();
        private @Nullable RouterState state;
        private final List<RouterListener> listeners = new ArrayList<>();
        private @Nullable Executor listenerExecutor;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler = CoarseTimer.shared();
        private ModelCatalog catalog = ModelCatalog.bundled();
        private TokenEstimator tokenEstimator = TokenEstimator.charsPerToken();
        private @Nullable ResponseCache cache;
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder() {}

        public Builder deployment(Deployment deployment) {
            this.deployments.add(Objects.requireNonNull(deployment, "deployment"));
            return this;
        }

        public Builder deployments(Collection<Deployment> deployments) {
            deployments.forEach(this::deployment);
            return this;
        }

        public Builder settings(RouterSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Where cooldowns, counters and budgets live; default a fresh {@link RouterState#inMemory()}. */
        public Builder state(RouterState state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        public Builder listener(RouterListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Where listener events run. Default: one shared daemon thread with a queue of 10,000 events that drops
         * events when full. {@code Runnable::run} delivers on the calling thread (handy in tests; a slow listener
         * then slows calls down, a throwing one still cannot break them).
         */
        public Builder listenerExecutor(Executor executor) {
            this.listenerExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The clock for latencies, rate windows, cooldowns and budget periods; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where backoff delays and timeouts are scheduled; default one shared wheel timer with 10 ms ticks, on which
         * arming and cancelling a call's timeout wakes no thread (what fires runs on {@link Schedulers#parallel()}).
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Context windows, capabilities and prices of deployments' models; default {@link ModelCatalog#bundled()}. */
        public Builder catalog(ModelCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        public Builder tokenEstimator(TokenEstimator tokenEstimator) {
            this.tokenEstimator = Objects.requireNonNull(tokenEstimator, "tokenEstimator");
            return this;
        }

        /**
         * Where cached answers live when {@link RouterSettings#cacheResponses()} is on; default an in-memory cache
         * of 10,000 answers.
         */
        public Builder cache(ResponseCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** The randomness of weighted shuffle, ties and jitter (seed it in tests). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * @throws IllegalArgumentException when there is no deployment, two deployments share an id, or a fallback,
         *     alias or budget names a group that does not exist
         */
        public Router build() {
            RouterState theState = state != null ? state : RouterState.inMemory();
            ResponseCache theCache = cache != null ? cache : ResponseCache.inMemory(10_000, clock);
            GuardedListener listener = new GuardedListener(List.copyOf(listeners),
                    listenerExecutor != null ? listenerExecutor : GuardedListener.defaultExecutor());
            return new Router(new RouterCore(List.copyOf(deployments), settings, theState, listener, clock, scheduler, catalog,
                    tokenEstimator, theCache, random));
        }
    }

    @Override
    public String toString() {
        return "Router" + Map.copyOf(core.groups()).keySet();
    }
}
