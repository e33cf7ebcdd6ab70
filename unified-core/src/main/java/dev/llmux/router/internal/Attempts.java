package dev.llmux.router.internal;

import dev.llmux.CallOptions;
import dev.llmux.LlmInterceptor;
import dev.llmux.api.CallInfo;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Usage;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.router.CooldownPolicy;
import dev.llmux.router.Deployment;
import dev.llmux.router.FailureKind;
import dev.llmux.router.RouterSettings;
import dev.llmux.router.RouterState;
import dev.llmux.router.RoutingStrategy;
import dev.llmux.spi.ProviderSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The retry loop over one target: select, call, account, and on failure decide whether to try the group again
 * (perhaps on another deployment) after a backoff. Fallbacks are the caller's ({@link RouterCore}) business.
 */
final class Attempts {

    static final String DEADLINE = "deadline_exceeded";
    private static final System.Logger LOG = System.getLogger(Attempts.class.getName());

    private final RouterSettings settings;
    private final RouterState state;
    private final Selector selector;
    private final BudgetGuard budgets;
    private final LatencyStats latency;
    private final GuardedListener listener;
    private final Clock clock;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    /** Only the latency strategy reads latency averages: other routers skip keeping them. */
    private final boolean tracksLatency;

    Attempts(RouterSettings settings, RouterState state, Selector selector, BudgetGuard budgets, LatencyStats latency,
            GuardedListener listener, Clock clock, Scheduler scheduler, RandomGenerator random) {
        this.settings = settings;
        this.state = state;
        this.selector = selector;
        this.budgets = budgets;
        this.latency = latency;
        this.listener = listener;
        this.clock = clock;
        this.scheduler = scheduler;
        this.random = random;
        this.tracksLatency = settings.strategy() == RoutingStrategy.LATENCY_BASED;
    }

    static boolean isDeadline(Throwable e) {
        return e instanceof RequestTimeoutException t && DEADLINE.equals(t.details().errorCode());
    }

    static RequestTimeoutException deadline(CallRun run) {
        return new RequestTimeoutException("the call's deadline of " + (run.deadline == null ? 0 : run.deadline.toMillis())
                + " ms passed after " + run.attempts.get() + " attempt(s)",
                ErrorDetails.of("llmux", run.requestedGroup, 408).withType("timeout_error", DEADLINE, null));
    }

    // ---- non-streaming

    <T> Mono<T> run(Selector.Target target, CallRun run, CallOptions options, Exchange<T> exchange) {
        return attempt(target, run, options, exchange, 0, Set.of(), null);
    }

    private <T> Mono<T> attempt(Selector.Target target, CallRun run, CallOptions options, Exchange<T> exchange, int retries,
            Set<String> excluded, @Nullable LlmuxException previous) {
        return withPrevious(selector.select(target, run, excluded), previous).flatMap(lease -> {
            int attemptNo = run.attempts.incrementAndGet();
            AttemptTimeout timeout = timeout(lease.model.deployment(), options, run);
            Mono<T> call = exchange.call(lease.model.deployment(), attemptOptions(lease.model.deployment(), options, timeout));
            if (timeout.duration != null) {
                call = call.timeout(timeout.duration, scheduler);
            }
            return call
                    .flatMap(answer -> {
                        Instant now = clock.instant();
                        CallInfo info = exchange.info(answer);
                        BigDecimal cost = info == null ? null : info.cost();
                        if (tracksLatency) {
                            latency.record(lease.id(), false, Duration.between(lease.startedAt, now).toMillis());
                        }
                        Duration total = Duration.between(run.start, now);
                        listener.success(lease.group, lease.id(), attemptNo, total, cost);
                        T tagged = info == null ? answer
                                : exchange.withInfo(answer, new CallInfo(info.provider(), info.model(), lease.id(), run.requestedGroup, attemptNo,
                                        total, info.timeToFirstToken(), info.cost(), info.cacheHit()));
                        return succeeded(lease, exchange.usage(answer), cost, now).thenReturn(tagged);
                    })
                    .onErrorResume(e -> {
                        LlmuxException error = asLlmux(e, lease, timeout, run);
                        return failed(lease, error).then(Mono.defer(() -> {
                            Duration delay = retryDelay(target, run, error, retries, lease, excluded);
                            if (delay == null) {
                                return Mono.error(error);
                            }
                            Set<String> next = new HashSet<>(excluded);
                            next.add(lease.id());
                            listener.retry(lease.group, lease.id(), error, attemptNo, delay);
                            return Mono.delay(delay, scheduler).then(attempt(target, run, options, exchange, retries + 1, next, error));
                        }));
                    })
                    .doOnCancel(() -> cancelled(lease));
        });
    }

    // ---- streaming

    Flux<ChatChunk> stream(Selector.Target target, CallRun run, ChatRequest request, CallOptions options, LlmInterceptor.Chain next) {
        return streamAttempt(target, run, request, options, next, 0, Set.of(), null);
    }

    private Flux<ChatChunk> streamAttempt(Selector.Target target, CallRun run, ChatRequest request, CallOptions options,
            LlmInterceptor.Chain next, int retries, Set<String> excluded, @Nullable LlmuxException previous) {
        return withPrevious(selector.select(target, run, excluded), previous).flatMapMany(lease -> {
            int attemptNo = run.attempts.incrementAndGet();
            Deployment d = lease.model.deployment();
            AttemptTimeout timeout = timeout(d, options, run);
            AtomicBoolean started = new AtomicBoolean();
            AtomicReference<Usage> usage = new AtomicReference<>();
            AtomicReference<BigDecimal> cost = new AtomicReference<>();
            RoutedStamp stamp = new RoutedStamp(lease.id(), run.requestedGroup, attemptNo, run.start);
            Flux<ChatChunk> flux = next.stream(request.withModel(d.model()), attemptOptions(d, options, timeout));
            if (timeout.duration != null) {
                // only the first chunk is timed: a long answer is not a slow deployment
                flux = flux.timeout(Mono.delay(timeout.duration, scheduler), c -> Mono.never());
            }
            return flux
                    .map(chunk -> {
                        Instant now = clock.instant();
                        if (started.compareAndSet(false, true)) {
                            run.delivered.set(true);
                            if (tracksLatency) {
                                latency.record(lease.id(), true, Duration.between(lease.startedAt, now).toMillis());
                            }
                            stamp.firstChunk(now);
                        }
                        if (chunk.usage() != null) {
                            usage.set(chunk.usage());
                        }
                        CallInfo info = chunk.callInfo();
                        if (info == null) {
                            return chunk;
                        }
                        if (info.cost() != null) {
                            cost.set(info.cost());
                        }
                        return chunk.withCallInfo(stamp.stamp(info, now));
                    })
                    .concatWith(Mono.defer(() -> {
                        Instant now = clock.instant();
                        listener.success(lease.group, lease.id(), attemptNo,
                                stamp.timeToFirstToken() != null ? stamp.timeToFirstToken() : Duration.between(run.start, now), cost.get());
                        return succeeded(lease, usage.get(), cost.get(), now);
                    }).then(Mono.<ChatChunk>empty()))
                    .onErrorResume(e -> {
                        LlmuxException error = asLlmux(e, lease, timeout, run);
                        return failed(lease, error).thenMany(Flux.defer(() -> {
                            if (started.get()) {
                                // chunks already reached the caller: retrying would repeat them, so end with the typed error
                                return Flux.error(error);
                            }
                            Duration delay = retryDelay(target, run, error, retries, lease, excluded);
                            if (delay == null) {
                                return Flux.error(error);
                            }
                            Set<String> nextExcluded = new HashSet<>(excluded);
                            nextExcluded.add(lease.id());
                            listener.retry(lease.group, lease.id(), error, attemptNo, delay);
                            return Mono.delay(delay, scheduler).thenMany(
                                    streamAttempt(target, run, request, options, next, retries + 1, nextExcluded, error));
                        }));
                    })
                    .doOnCancel(() -> cancelled(lease));
        });
    }

    // ---- shared

    /** A retry whose selection finds no capacity reports the provider error that caused it, with the reason attached. */
    private static <L> Mono<L> withPrevious(Mono<L> selection, @Nullable LlmuxException previous) {
        if (previous == null) {
            return selection;
        }
        return selection.onErrorMap(Selector::isCapacityError, e -> {
            previous.addSuppressed(e);
            return previous;
        });
    }

    private record AttemptTimeout(@Nullable Duration duration, boolean byDeadline) {
        static final AttemptTimeout NONE = new AttemptTimeout(null, false);
    }

    /** The caller's timeout, else the deployment's, else the router's; never past the call's deadline. */
    private AttemptTimeout timeout(Deployment d, CallOptions options, CallRun run) {
        Duration t = options.timeout() != null ? options.timeout() : d.timeout() != null ? d.timeout() : settings.timeout();
        if (run.deadline == null) {
            return t == null ? AttemptTimeout.NONE : new AttemptTimeout(t, false);
        }
        Duration left = run.remaining(clock.instant());
        if (left != null && (t == null || left.compareTo(t) <= 0)) {
            return new AttemptTimeout(left.isZero() ? Duration.ofMillis(1) : left, true);
        }
        return new AttemptTimeout(t, false);
    }

    private static CallOptions attemptOptions(Deployment d, CallOptions options, AttemptTimeout timeout) {
        ProviderSettings merged = d.settings().overriddenBy(options.settings());
        CallOptions o = merged == options.settings() ? options : options.withSettings(merged);
        if (timeout.duration != null && !timeout.byDeadline) {
            o = o.withTimeout(timeout.duration);
        }
        return d.prices() != null ? o.withPrices(d.prices()) : o;
    }

    private static LlmuxException asLlmux(Throwable e, Lease lease, AttemptTimeout timeout, CallRun run) {
        if (e instanceof TimeoutException) {
            if (timeout.byDeadline) {
                return deadline(run);
            }
            Deployment d = lease.model.deployment();
            return new RequestTimeoutException("no answer from deployment " + d.id() + " (" + d.model() + ") within "
                    + timeout.duration.toMillis() + " ms", ErrorDetails.of("llmux", d.model(), 408).withType("timeout_error", "timeout", null));
        }
        if (e instanceof LlmuxException le) {
            return le;
        }
        return new BadGatewayException("deployment " + lease.id() + " failed unexpectedly: " + e,
                ErrorDetails.of("llmux", lease.model.deployment().model(), 502), e);
    }

    /** The wait before retrying, or null when the group should not be retried. */
    private @Nullable Duration retryDelay(Selector.Target target, CallRun run, LlmuxException error, int retries, Lease lease,
            Set<String> excluded) {
        if (isDeadline(error) || !error.isRetryable()) {
            return null;
        }
        if (retries >= settings.retryPolicy().retriesFor(FailureKind.of(error))) {
            return null;
        }
        Duration delay = settings.backoff().delay(retries + 1, random.nextDouble());
        boolean elsewhere = target.deployments().stream()
                .anyMatch(m -> !m.deployment().id().equals(lease.id()) && !excluded.contains(m.deployment().id()));
        if (!elsewhere && error.retryAfter().isPresent()) {
            // the retry lands on the deployment that asked us to wait
            Duration asked = error.retryAfter().get();
            if (asked.compareTo(settings.backoff().retryAfterCap()) > 0) {
                return null;
            }
            delay = asked.compareTo(delay) > 0 ? asked : delay;
        }
        Duration left = run.remaining(clock.instant());
        if (left != null && delay.compareTo(left) >= 0) {
            return null;
        }
        return delay;
    }

    private Mono<Void> succeeded(Lease lease, @Nullable Usage usage, @Nullable BigDecimal cost, Instant now) {
        if (!lease.close()) {
            return Mono.empty();
        }
        long correction = usage == null ? 0 : usage.totalTokens() - lease.estimatedTokens;
        Mono<Void> work = state.release(lease.id(), now, correction).then(state.recordSuccess(lease.id(), now));
        return quietly(lease.reservations.isEmpty() ? work : work.then(budgets.settle(lease.reservations, cost)));
    }

    private Mono<Void> failed(Lease lease, LlmuxException error) {
        if (!lease.close()) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        // the provider processed nothing we know of: take the estimate back out of this minute's tokens
        Mono<Void> work = state.release(lease.id(), now, -lease.estimatedTokens).then(budgets.settle(lease.reservations, null));
        FailureKind kind = FailureKind.of(error);
        CooldownPolicy policy = settings.cooldown();
        if (policy.enabled() && kind.countsAgainstDeployment() && !isDeadline(error)) {
            boolean own = policy.perKind().containsKey(kind);
            RouterState.CooldownRule rule = new RouterState.CooldownRule(own ? policy.perKind().get(kind) : policy.allowedFails(),
                    policy.failureRatio(), policy.minRequests(), policy.cooldownTime());
            work = work.then(state.recordFailure(lease.id(), own ? kind.name() : "generic", now, rule)
                    .doOnNext(started -> {
                        if (started) {
                            selector.noteCooling(lease.id());
                            listener.cooldownStarted(lease.group, lease.id(), policy.cooldownTime(), error);
                        }
                    })
                    .then());
        }
        return quietly(work);
    }

    private void cancelled(Lease lease) {
        if (lease.close()) {
            quietly(state.release(lease.id(), clock.instant(), 0).then(budgets.settle(lease.reservations, null))).subscribe();
        }
    }

    /** Bookkeeping after a call must never fail the call: a state store error is logged and dropped. */
    private static Mono<Void> quietly(Mono<Void> work) {
        return work.onErrorResume(e -> {
            LOG.log(System.Logger.Level.WARNING, "router state update failed; the call's answer is unaffected", e);
            return Mono.empty();
        });
    }
}
