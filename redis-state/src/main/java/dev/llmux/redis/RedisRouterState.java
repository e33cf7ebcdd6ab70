package dev.llmux.redis;

import dev.llmux.config.RedisSettings;
import dev.llmux.error.ErrorDetails;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.redis.internal.Connector;
import dev.llmux.redis.internal.Scripts;
import dev.llmux.router.RouterState;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link RouterState} in Redis, shared by every router that points at the same Redis and key prefix: a limit of N
 * rpm holds at N in total, a cooldown started by one instance is seen by all, and budget reservations of all
 * instances count against one budget. Every check-and-update is one Lua script (EVALSHA), so it is atomic.
 *
 * <p>Keys ({@code prefix} default {@code llmux:}): {@code <prefix>{<deployment>}:m:<minute>} (a hash of requests,
 * tokens, successes and failures for one minute, expiring after two), {@code <prefix>{<deployment>}:inflight},
 * {@code <prefix>{<deployment>}:cool} (the end of a cooldown, in the routers' clock) and {@code <prefix><budget key>}
 * (a hash of spent and reserved nano-USD). A deployment's keys share a hash tag, so scripts work on Redis Cluster.
 *
 * <p>When Redis cannot be reached (or answers slower than {@link Builder#timeout}), the {@link FailureMode} decides:
 * {@link FailureMode#FAIL_OPEN} (the default) lets calls through as if no limit, cooldown or budget applied, so an
 * outage of Redis is not an outage of the LLM service; {@link FailureMode#FAIL_CLOSED} refuses calls with a 503
 * {@link ServiceUnavailableException}, for deployments where overspending is worse than downtime. Either way,
 * bookkeeping after a call never fails the call.
 */
public final class RedisRouterState implements RouterState, AutoCloseable {

    /** What to do when Redis is unreachable. */
    public enum FailureMode {
        /** Admit calls: no limits, cooldowns or budgets until Redis is back. */
        FAIL_OPEN,
        /** Refuse calls with a 503 until Redis is back. */
        FAIL_CLOSED
    }

    private static final System.Logger LOG = System.getLogger(RedisRouterState.class.getName());
    private static final long MINUTE_TTL_MS = 120_000;
    private static final long COOL_SLACK_MS = 60_000;

    private final Connector redis;
    private final String prefix;
    private final FailureMode failureMode;

    private RedisRouterState(Builder b) {
        RedisClient client = b.client != null ? b.client : Connector.client(b.uri);
        this.redis = new Connector(client, b.uri, b.client == null, b.timeout);
        this.prefix = b.prefix;
        this.failureMode = b.failureMode;
    }

    /** A state on {@code redis://host:port} with the defaults. */
    public static RedisRouterState create(String uri) {
        return builder(RedisURI.create(uri)).build();
    }

    /** A state from a loaded config's {@code redis_host}/{@code redis_port}/{@code redis_password}/{@code redis_fail_open}. */
    public static RedisRouterState create(RedisSettings settings) {
        RedisURI.Builder uri = RedisURI.builder().withHost(settings.host()).withPort(settings.port());
        if (settings.password() != null) {
            uri.withPassword(settings.password().toCharArray());
        }
        return builder(uri.build()).failureMode(settings.failOpen() ? FailureMode.FAIL_OPEN : FailureMode.FAIL_CLOSED).build();
    }

    public static Builder builder(RedisURI uri) {
        return new Builder(uri);
    }

    public FailureMode failureMode() {
        return failureMode;
    }

    private String dep(String id, String suffix) {
        return prefix + "{" + id + "}:" + suffix;
    }

    private String minuteKey(String id, Instant now) {
        return dep(id, "m:" + Math.floorDiv(now.toEpochMilli(), 60_000L));
    }

    /** Applies the failure mode: {@code open} is the answer when failing open. */
    private <T> Mono<T> guarded(Mono<T> op, String what, T open) {
        return op.onErrorResume(e -> {
            LOG.log(System.Logger.Level.WARNING, "Redis router state unavailable during " + what + " (" + failureMode + "): " + e);
            if (failureMode == FailureMode.FAIL_OPEN) {
                return Mono.just(open);
            }
            return Mono.error(new ServiceUnavailableException("router state (Redis) is unavailable, and the router is configured to fail "
                    + "closed: " + e.getMessage(), ErrorDetails.of("llmux", null, 503).withType("service_unavailable_error",
                    "router_state_unavailable", null), e));
        });
    }

    /** Bookkeeping after a call: fails open always (the router ignores errors there anyway). */
    private <T> Mono<T> quiet(Mono<T> op, String what, T fallback) {
        return op.onErrorResume(e -> {
            LOG.log(System.Logger.Level.WARNING, "Redis router state update failed during " + what + ": " + e);
            return Mono.just(fallback);
        });
    }

    @Override
    public Mono<Map<String, DeploymentLoad>> load(Collection<String> deploymentIds, Instant now) {
        Mono<Map<String, DeploymentLoad>> read = Flux.fromIterable(List.copyOf(deploymentIds))
                // flatMapSequential: Lettuce pipelines the reads of all deployments on the one connection
                .flatMapSequential(id -> redis.run(c -> Mono.zip(
                                c.hmget(minuteKey(id, now), "req", "tok").collectList(),
                                c.get(dep(id, "inflight")).defaultIfEmpty("0"),
                                c.get(dep(id, "cool")).defaultIfEmpty("")))
                        .map(t -> Map.entry(id, new DeploymentLoad(value(t.getT1(), 0), value(t.getT1(), 1), parse(t.getT2()),
                                t.getT3().isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(t.getT3()))))))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
        return guarded(read, "load", Map.of());
    }

    private static long value(List<KeyValue<String, String>> values, int i) {
        return values.size() > i && values.get(i).hasValue() ? parse(values.get(i).getValue()) : 0;
    }

    private static long parse(@Nullable String s) {
        return s == null || s.isEmpty() ? 0 : Long.parseLong(s);
    }

    @Override
    public Mono<Boolean> acquire(String deploymentId, Instant now, int rpmLimit, long tpmLimit, long tokens) {
        Mono<Boolean> op = redis.<Long>eval(Scripts.ACQUIRE, ScriptOutputType.INTEGER,
                        new String[] {minuteKey(deploymentId, now), dep(deploymentId, "inflight")},
                        Integer.toString(rpmLimit), Long.toString(tpmLimit), Long.toString(tokens), Long.toString(MINUTE_TTL_MS))
                .map(r -> r == 1L);
        return guarded(op, "acquire", true);
    }

    @Override
    public Mono<Void> release(String deploymentId, Instant now, long tokenCorrection) {
        return quiet(redis.<Long>eval(Scripts.RELEASE, ScriptOutputType.INTEGER,
                new String[] {minuteKey(deploymentId, now), dep(deploymentId, "inflight")},
                Long.toString(tokenCorrection), Long.toString(MINUTE_TTL_MS)), "release", 0L).then();
    }

    @Override
    public Mono<Void> recordSuccess(String deploymentId, Instant now) {
        return quiet(redis.<Long>eval(Scripts.SUCCESS, ScriptOutputType.INTEGER, new String[] {minuteKey(deploymentId, now)},
                Long.toString(MINUTE_TTL_MS)), "success", 0L).then();
    }

    @Override
    public Mono<Boolean> recordFailure(String deploymentId, String counter, Instant now, CooldownRule rule) {
        long until = now.toEpochMilli() + rule.cooldown().toMillis();
        return quiet(redis.<Long>eval(Scripts.FAILURE, ScriptOutputType.INTEGER,
                        new String[] {minuteKey(deploymentId, now), dep(deploymentId, "cool")},
                        counter, Integer.toString(rule.allowedFails()), Double.toString(rule.failureRatio()), Integer.toString(rule.minRequests()),
                        Long.toString(now.toEpochMilli()), Long.toString(until), Long.toString(rule.cooldown().toMillis() + COOL_SLACK_MS),
                        Long.toString(MINUTE_TTL_MS))
                .map(r -> r == 1L), "failure", false);
    }

    @Override
    public Mono<Boolean> reserve(String key, long limitNanos, long amountNanos, Duration ttl) {
        Mono<Boolean> op = redis.<Long>eval(Scripts.RESERVE, ScriptOutputType.INTEGER, new String[] {prefix + key},
                        Long.toString(limitNanos), Long.toString(amountNanos), Long.toString(ttl.toMillis()))
                .map(r -> r == 1L);
        return guarded(op, "reserve", true);
    }

    @Override
    public Mono<BudgetUsage> settle(String key, long reservedNanos, long spentNanos, Duration ttl) {
        Mono<BudgetUsage> op = redis.<List<Object>>eval(Scripts.SETTLE, ScriptOutputType.MULTI, new String[] {prefix + key},
                        Long.toString(-reservedNanos), Long.toString(spentNanos), Long.toString(ttl.toMillis()))
                .map(r -> new BudgetUsage(((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue()));
        return quiet(op, "settle", BudgetUsage.ZERO);
    }

    @Override
    public Mono<BudgetUsage> budget(String key) {
        Mono<BudgetUsage> op = redis.run(c -> c.hmget(prefix + key, "spent", "reserved").collectList())
                .map(v -> new BudgetUsage(value(v, 0), value(v, 1)));
        return guarded(op, "budget", BudgetUsage.ZERO);
    }

    /** Closes the connection (and the client, unless it was passed in). */
    @Override
    public void close() {
        redis.close();
    }

    /** Builds a {@link RedisRouterState}. */
    public static final class Builder {
        private final RedisURI uri;
        private @Nullable RedisClient client;
        private String prefix = "llmux:";
        private FailureMode failureMode = FailureMode.FAIL_OPEN;
        private Duration timeout = Duration.ofSeconds(1);

        private Builder(RedisURI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** A client to share (not shut down by {@link #close()}); default: a client of its own. */
        public Builder client(RedisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Prefix of every key; routers that should share state must use the same one. */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            this.prefix = prefix;
            return this;
        }

        public Builder failureMode(FailureMode failureMode) {
            this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
            return this;
        }

        /** The longest a state operation may take before Redis counts as unreachable; default 1 s. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public RedisRouterState build() {
            return new RedisRouterState(this);
        }
    }
}
