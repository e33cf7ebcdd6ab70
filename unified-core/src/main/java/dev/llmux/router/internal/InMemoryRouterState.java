package dev.llmux.router.internal;

import dev.llmux.router.RouterState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/** {@link RouterState} for one process: a lock per deployment and per budget makes each check-and-update atomic. */
public final class InMemoryRouterState implements RouterState {

    private final ConcurrentHashMap<String, Counters> deployments = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> budgets = new ConcurrentHashMap<>();

    /** One deployment's counters for the current minute, plus state that outlives the minute. */
    private static final class Counters {
        long minute = Long.MIN_VALUE;
        long requests;
        long tokens;
        long successes;
        long failures;
        final Map<String, Long> failuresByCounter = new HashMap<>();
        long inFlight;
        @Nullable Instant coolingUntil;

        void roll(long now) {
            if (now != minute) {
                minute = now;
                requests = 0;
                tokens = 0;
                successes = 0;
                failures = 0;
                failuresByCounter.clear();
            }
        }
    }

    private Counters counters(String id) {
        return deployments.computeIfAbsent(id, k -> new Counters());
    }

    private static long minute(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), 60_000L);
    }

    @Override
    public Mono<Map<String, DeploymentLoad>> load(Collection<String> deploymentIds, Instant now) {
        return Mono.fromSupplier(() -> {
            long m = minute(now);
            if (deploymentIds.size() == 1) {
                // the router's usual question (one drawn deployment): no map to build
                String id = deploymentIds.iterator().next();
                Counters c = deployments.get(id);
                if (c == null) {
                    return Map.of();
                }
                synchronized (c) {
                    c.roll(m);
                    return Map.of(id, new DeploymentLoad(c.requests, c.tokens, c.inFlight, c.coolingUntil));
                }
            }
            // sized once: a group's every deployment is asked for on each call of a load-reading strategy
            Map<String, DeploymentLoad> out = new HashMap<>(Math.max(16, deploymentIds.size() * 4 / 3 + 1));
            for (String id : deploymentIds) {
                Counters c = deployments.get(id);
                if (c == null) {
                    continue;
                }
                synchronized (c) {
                    c.roll(m);
                    out.put(id, new DeploymentLoad(c.requests, c.tokens, c.inFlight, c.coolingUntil));
                }
            }
            return out;
        });
    }

    @Override
    public Mono<Boolean> acquire(String deploymentId, Instant now, int rpmLimit, long tpmLimit, long tokens) {
        return Mono.fromSupplier(() -> {
            Counters c = counters(deploymentId);
            synchronized (c) {
                c.roll(minute(now));
                if (rpmLimit > 0 && c.requests + 1 > rpmLimit) {
                    return false;
                }
                if (tpmLimit > 0 && c.tokens + tokens > tpmLimit) {
                    return false;
                }
                c.requests++;
                c.tokens += tokens;
                c.inFlight++;
                return true;
            }
        });
    }

    @Override
    public Mono<Void> release(String deploymentId, Instant now, long tokenCorrection) {
        return Mono.fromRunnable(() -> {
            Counters c = counters(deploymentId);
            synchronized (c) {
                c.roll(minute(now));
                c.inFlight = Math.max(0, c.inFlight - 1);
                c.tokens = Math.max(0, c.tokens + tokenCorrection);
            }
        });
    }

    @Override
    public Mono<Void> recordSuccess(String deploymentId, Instant now) {
        return Mono.fromRunnable(() -> {
            Counters c = counters(deploymentId);
            synchronized (c) {
                c.roll(minute(now));
                c.successes++;
            }
        });
    }

    @Override
    public Mono<Boolean> recordFailure(String deploymentId, String counter, Instant now, CooldownRule rule) {
        return Mono.fromSupplier(() -> {
            Counters c = counters(deploymentId);
            synchronized (c) {
                c.roll(minute(now));
                c.failures++;
                long n = c.failuresByCounter.merge(counter, 1L, Long::sum);
                long finished = c.failures + c.successes;
                boolean tooMany = n > rule.allowedFails();
                boolean tooRatio = finished >= rule.minRequests() && (double) c.failures / finished > rule.failureRatio();
                if ((tooMany || tooRatio) && (c.coolingUntil == null || !c.coolingUntil.isAfter(now))) {
                    c.coolingUntil = now.plus(rule.cooldown());
                    return true;
                }
                return false;
            }
        });
    }

    @Override
    public Mono<Boolean> reserve(String key, long limitNanos, long amountNanos, Duration ttl) {
        return Mono.fromSupplier(() -> {
            long[] b = budgets.computeIfAbsent(key, k -> new long[2]);
            synchronized (b) {
                if (b[0] + b[1] + amountNanos > limitNanos) {
                    return false;
                }
                b[1] += amountNanos;
                return true;
            }
        });
    }

    @Override
    public Mono<BudgetUsage> settle(String key, long reservedNanos, long spentNanos, Duration ttl) {
        return Mono.fromSupplier(() -> {
            long[] b = budgets.computeIfAbsent(key, k -> new long[2]);
            synchronized (b) {
                b[1] = Math.max(0, b[1] - reservedNanos);
                b[0] += spentNanos;
                return new BudgetUsage(b[0], b[1]);
            }
        });
    }

    @Override
    public Mono<BudgetUsage> budget(String key) {
        return Mono.fromSupplier(() -> {
            long[] b = budgets.get(key);
            if (b == null) {
                return BudgetUsage.ZERO;
            }
            synchronized (b) {
                return new BudgetUsage(b[0], b[1]);
            }
        });
    }
}
