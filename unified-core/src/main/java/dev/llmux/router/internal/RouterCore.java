package dev.llmux.router.internal;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.Usage;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.error.LlmuxException;
import dev.llmux.router.Budget;
import dev.llmux.router.Deployment;
import dev.llmux.router.Fallbacks;
import dev.llmux.router.ResponseCache;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RouterState;
import dev.llmux.router.TokenEstimator;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The router's machinery behind {@link dev.llmux.router.Router}: group resolution, cache, fallbacks and deadline. */
public final class RouterCore {

    private final Map<String, List<Deployment>> groups;
    /** Every group and every deployment id (pinned) as a selection target, built once. */
    private final Map<String, Selector.Target> targets;
    private final RouterSettings settings;
    private final RouterState state;
    private final GuardedListener listener;
    private final Clock clock;
    private final Scheduler scheduler;
    private final TokenEstimator estimator;
    private final ResponseCache cache;
    private final BudgetGuard budgets;
    private final Attempts attempts;

    public RouterCore(List<Deployment> deployments, RouterSettings settings, RouterState state, GuardedListener listener, Clock clock,
            Scheduler scheduler, ModelCatalog catalog, TokenEstimator estimator, ResponseCache cache, RandomGenerator random) {
        this.groups = RouterValidation.groups(deployments, settings);
        Map<String, DeploymentModel> byId = new LinkedHashMap<>();
        deployments.forEach(d -> byId.put(d.id(), DeploymentModel.of(d, catalog)));
        Map<String, Selector.Target> theTargets = new java.util.HashMap<>();
        byId.forEach((id, m) -> theTargets.put(id, Selector.Target.of(m.deployment().group(), List.of(m), true)));
        // a group named like a deployment id is the group (see target(name))
        groups.forEach((g, ds) -> theTargets.put(g, Selector.Target.of(g, ds.stream().map(d -> byId.get(d.id())).toList(), false)));
        this.targets = Map.copyOf(theTargets);
        this.settings = settings;
        this.state = state;
        this.listener = listener;
        this.clock = clock;
        this.scheduler = scheduler;
        this.estimator = estimator;
        this.cache = cache;
        this.budgets = new BudgetGuard(settings.budgets(), state, listener, settings.defaultMaxTokens());
        LatencyStats latency = new LatencyStats(settings.latencyAlpha());
        Selector selector = new Selector(settings, state, budgets, latency, listener, clock, random);
        this.attempts = new Attempts(settings, state, selector, budgets, latency, listener, clock, scheduler, random);
    }

    public Map<String, List<Deployment>> groups() {
        return groups;
    }

    public RouterSettings settings() {
        return settings;
    }

    public RouterState state() {
        return state;
    }

    /** The group {@code model} names (directly or through an alias), or null when the router does not route it. */
    public @Nullable String resolveGroup(String model) {
        if (groups.containsKey(model)) {
            return model;
        }
        String aliased = settings.groupAliases().get(model);
        return aliased != null && groups.containsKey(aliased) ? aliased : null;
    }

    /** A group, or a single deployment by id (pinned: its cooldown is ignored), or null. */
    private Selector.@Nullable Target target(String name) {
        String group = resolveGroup(name);
        return targets.get(group != null ? group : name);
    }

    private CallRun newRun(String group, CallOptions options, RequestNeeds needs, boolean stream) {
        Duration deadline = options.deadline() != null ? options.deadline() : settings.deadline();
        return new CallRun(group, clock.instant(), deadline, stream, needs, options.tags());
    }

    // ---- chat

    public Mono<ChatResponse> chat(ChatRequest request, CallOptions options, LlmInterceptor.Chain next) {
        String group = resolveGroup(request.model());
        if (group == null) {
            return next.chat(request, options);
        }
        return Mono.defer(() -> {
            CacheControls controls = CacheControls.of(request);
            ChatRequest clean = CacheControls.strip(request);
            CallRun run = newRun(group, options, RequestNeeds.of(clean, estimator.promptTokens(clean)), false);
            Exchange<ChatResponse> exchange = new Exchange<>() {
                @Override
                public Mono<ChatResponse> call(Deployment deployment, CallOptions o) {
                    return next.chat(clean.withModel(deployment.model()), o);
                }

                @Override
                public @Nullable Usage usage(ChatResponse answer) {
                    return answer.usage();
                }

                @Override
                public @Nullable CallInfo info(ChatResponse answer) {
                    return answer.callInfo();
                }

                @Override
                public ChatResponse withInfo(ChatResponse answer, CallInfo info) {
                    return answer.withCallInfo(info);
                }
            };
            if (!settings.cacheResponses()) {
                // already deferred: route now
                listener.request(group, clean, false);
                return finish(withFallbacks(group, run, t -> attempts.run(t, run, options, exchange).flux()).next(), run);
            }
            Mono<ChatResponse> routed = Mono.defer(() -> {
                listener.request(group, clean, false);
                return finish(withFallbacks(group, run, t -> attempts.run(t, run, options, exchange).flux()).next(), run);
            });
            return cached(group, clean, controls, routed);
        });
    }

    private Mono<ChatResponse> cached(String group, ChatRequest request, CacheControls controls, Mono<ChatResponse> routed) {
        String key = controls.key(group, request);
        Mono<ChatResponse> store = routed.flatMap(answer -> controls.noStore() ? Mono.just(answer)
                : cache.put(key, new ResponseCache.Entry(answer, clock.millis()), controls.ttl() != null ? controls.ttl() : settings.cacheTtl())
                        .onErrorResume(e -> Mono.empty())
                        .thenReturn(answer));
        if (controls.noCache()) {
            return store;
        }
        return cache.get(key)
                .onErrorResume(e -> Mono.empty())
                .filter(entry -> controls.maxAge() == null || clock.millis() - entry.storedAtMillis() <= controls.maxAge().toMillis())
                .map(entry -> {
                    listener.cacheHit(group);
                    ChatResponse r = entry.response();
                    CallInfo info = r.callInfo();
                    return r.withCallInfo(info == null ? null : info.withCacheHit(true).withCost(BigDecimal.ZERO).withLatency(Duration.ZERO));
                })
                .switchIfEmpty(store);
    }

    // ---- stream

    public Flux<ChatChunk> stream(ChatRequest request, CallOptions options, LlmInterceptor.Chain next) {
        String group = resolveGroup(request.model());
        if (group == null) {
            return next.stream(request, options);
        }
        return Flux.defer(() -> {
            ChatRequest clean = CacheControls.strip(request);
            CallRun run = newRun(group, options, RequestNeeds.of(clean, estimator.promptTokens(clean)), true);
            listener.request(group, clean, true);
            Flux<ChatChunk> flux = withFallbacks(group, run, t -> attempts.stream(t, run, clean, options, next));
            if (run.deadline != null) {
                // like Llmux.stream: the deadline bounds the wait for the first chunk, which is where every retry and
                // fallback happens; once chunks flow the stream is the caller's to consume at its own pace
                flux = flux.timeout(Mono.delay(run.deadline, scheduler), c -> Mono.never(), Flux.error(() -> Attempts.deadline(run)));
            }
            return flux.onErrorMap(LlmuxException.class, e -> named(e, run)).doOnError(LlmuxException.class,
                    e -> listener.failure(group, e, run.attempts.get()));
        });
    }

    // ---- embeddings

    public Mono<EmbeddingResponse> embed(EmbeddingRequest request, CallOptions options, LlmInterceptor.Chain next) {
        String group = resolveGroup(request.model());
        if (group == null) {
            return next.embed(request, options);
        }
        return Mono.defer(() -> {
            CallRun run = newRun(group, options, RequestNeeds.NONE, false);
            Exchange<EmbeddingResponse> exchange = new Exchange<>() {
                @Override
                public Mono<EmbeddingResponse> call(Deployment deployment, CallOptions o) {
                    return next.embed(request.withModel(deployment.model()), o);
                }

                @Override
                public @Nullable Usage usage(EmbeddingResponse answer) {
                    return answer.usage() == null ? null : Usage.of(answer.usage().promptTokens(), 0);
                }

                @Override
                public @Nullable CallInfo info(EmbeddingResponse answer) {
                    return answer.callInfo();
                }

                @Override
                public EmbeddingResponse withInfo(EmbeddingResponse answer, CallInfo info) {
                    return answer.withCallInfo(info);
                }
            };
            return finish(withFallbacks(group, run, t -> attempts.run(t, run, options, exchange).flux()).next(), run);
        });
    }

    // ---- fallbacks and the deadline

    private <T> Mono<T> finish(Mono<T> routed, CallRun run) {
        if (run.deadline != null) {
            routed = routed.timeout(run.deadline, Mono.error(() -> Attempts.deadline(run)), scheduler);
        }
        return routed.onErrorMap(LlmuxException.class, e -> {
            LlmuxException out = named(e, run);
            listener.failure(run.requestedGroup, out, run.attempts.get());
            return out;
        });
    }

    /** The error the caller sees names the group it asked for, not a deployment's model. */
    private static LlmuxException named(LlmuxException e, CallRun run) {
        if (run.requestedGroup.equals(e.model())) {
            return e;
        }
        LlmuxException renamed = e.withDetails(e.details().withModel(run.requestedGroup));
        renamed.setStackTrace(e.getStackTrace());
        for (Throwable s : e.getSuppressed()) {
            renamed.addSuppressed(s);
        }
        return renamed;
    }

    /**
     * Routes to {@code group}, then along its fallbacks. Works on a {@code Flux} so chat, embeddings and streams
     * share it; a stream that already delivered a chunk never falls back.
     */
    private <T> Flux<T> withFallbacks(String group, CallRun run, Function<Selector.Target, Flux<T>> route) {
        return routeGroup(group, run, route).onErrorResume(LlmuxException.class, e -> {
            if (Attempts.isDeadline(e) || run.delivered.get()) {
                return Flux.error(e);
            }
            return fallbackChain(group, settings.fallbacks().routeFor(group, e), 0, e, run, route);
        });
    }

    private <T> Flux<T> fallbackChain(String from, Fallbacks.Route r, int i, LlmuxException last, CallRun run,
            Function<Selector.Target, Flux<T>> route) {
        while (i < r.targets().size() && run.tried(groupOf(r.targets().get(i)))) {
            i++;
        }
        if (i >= r.targets().size() || run.fallbacks.get() >= settings.fallbacks().maxFallbacks() || expired(run)) {
            return Flux.error(last);
        }
        String target = r.targets().get(i);
        int nextIndex = i + 1;
        run.fallbacks.incrementAndGet();
        listener.fallback(from, groupOf(target), r.kind(), last);
        return routeGroup(target, run, route).onErrorResume(LlmuxException.class, e -> {
            if (Attempts.isDeadline(e) || run.delivered.get()) {
                return Flux.error(e);
            }
            return fallbackChain(from, r, nextIndex, e, run, route);
        });
    }

    private boolean expired(CallRun run) {
        Duration left = run.remaining(clock.instant());
        return left != null && left.isZero();
    }

    private String groupOf(String targetName) {
        String g = resolveGroup(targetName);
        return g != null ? g : targetName;
    }

    /** Routes to one target, honouring budget fallbacks first. */
    private <T> Flux<T> routeGroup(String name, CallRun run, Function<Selector.Target, Flux<T>> route) {
        Selector.Target target = target(name);
        if (target == null) {
            // fallback targets are validated when the router is built
            return Flux.error(new IllegalStateException("unknown fallback target " + name));
        }
        run.addTried(target.pinned() ? name : target.group());
        if (target.pinned() || budgets.isEmpty()) {
            return route.apply(target);
        }
        return budgets.redirect(target.group(), run.tags, clock.instant())
                .map(b -> Optional.of(b))
                .defaultIfEmpty(Optional.empty())
                .flatMapMany(b -> b.isPresent()
                        ? viaBudgetFallback(target.group(), b.get(), run, route)
                        : route.apply(target).onErrorResume(BudgetGuard.Redirect.class,
                                redirect -> viaBudgetFallback(target.group(), redirect.budget, run, route)));
    }

    private <T> Flux<T> viaBudgetFallback(String from, Budget budget, CallRun run, Function<Selector.Target, Flux<T>> route) {
        String to = java.util.Objects.requireNonNull(budget.fallbackGroup());
        if (run.tried(groupOf(to))) {
            return Flux.error(new dev.llmux.error.BudgetExceededException("budget " + budget.name() + " sends calls to " + to
                    + ", which this call already tried", dev.llmux.error.ErrorDetails.of("llmux", from, 429)
                    .withType("budget_exceeded", "budget_exceeded", null), budget.name(), budget.limit(), null));
        }
        listener.fallback(from, groupOf(to), Fallbacks.Kind.BUDGET, null);
        return routeGroup(to, run, route);
    }
}
