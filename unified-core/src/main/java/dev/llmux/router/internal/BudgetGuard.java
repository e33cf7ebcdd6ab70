package dev.llmux.router.internal;

import dev.llmux.catalog.ModelPrices;
import dev.llmux.error.BudgetExceededException;
import dev.llmux.error.ErrorDetails;
import dev.llmux.router.Budget;
import dev.llmux.router.Deployment;
import dev.llmux.router.RouterState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reserve-then-reconcile budgets: reserve an attempt's most possible cost, settle with its real cost. */
final class BudgetGuard {

    private static final Duration SLACK = Duration.ofMinutes(1);

    private final List<Budget> budgets;
    private final RouterState state;
    private final GuardedListener listener;
    private final int defaultMaxTokens;

    BudgetGuard(List<Budget> budgets, RouterState state, GuardedListener listener, int defaultMaxTokens) {
        this.budgets = budgets;
        this.state = state;
        this.listener = listener;
        this.defaultMaxTokens = defaultMaxTokens;
    }

    /** One budget's reservation for one attempt. */
    record Reservation(Budget budget, String key, long nanos, Duration ttl) {}

    /** Thrown inside the router (never to callers) when a budget sends a call to its fallback group. */
    static final class Redirect extends RuntimeException {
        final Budget budget;

        Redirect(Budget budget) {
            super(null, null, false, false);
            this.budget = budget;
        }
    }

    boolean isEmpty() {
        return budgets.isEmpty();
    }

    private static boolean applies(Budget b, String group, @Nullable Deployment d, Map<String, String> tags) {
        return switch (b.scope()) {
            case GROUP -> b.target().equals(group);
            case TAG -> tags.containsKey(b.target()) || (d != null && d.tags().contains(b.target()));
        };
    }

    private static long periodIndex(Budget b, Instant now) {
        return Math.floorDiv(now.toEpochMilli(), b.period().toMillis());
    }

    private static String key(Budget b, Instant now) {
        return "budget:" + b.name() + ":" + periodIndex(b, now);
    }

    private static Duration untilReset(Budget b, Instant now) {
        long end = (periodIndex(b, now) + 1) * b.period().toMillis();
        return Duration.ofMillis(end - now.toEpochMilli());
    }

    static long nanos(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos).movePointLeft(9).stripTrailingZeros();
    }

    /**
     * The budget whose fallback a call for {@code group} should take now (spend + reservations at or past its
     * threshold), or empty.
     */
    Mono<Budget> redirect(String group, Map<String, String> tags, Instant now) {
        return Flux.fromIterable(budgets)
                .filter(b -> b.fallbackGroup() != null && applies(b, group, null, tags))
                .concatMap(b -> state.budget(key(b, now))
                        .filter(u -> BigDecimal.valueOf(u.spentNanos() + u.reservedNanos())
                                .compareTo(BigDecimal.valueOf(nanos(b.limit())).multiply(BigDecimal.valueOf(b.fallbackThreshold()))) >= 0)
                        .map(u -> b))
                .next();
    }

    /** The most an attempt can cost: estimated prompt at the input price plus the output cap at the output price. */
    long maxCostNanos(DeploymentModel m, RequestNeeds needs) {
        ModelPrices p = m.prices();
        if (p == null) {
            return 0;
        }
        int maxOut = needs.maxOutputTokens() > 0 ? needs.maxOutputTokens()
                : m.maxOutputTokens() != null ? m.maxOutputTokens() : defaultMaxTokens;
        BigDecimal cost = p.input().multiply(BigDecimal.valueOf(needs.promptTokens())).add(p.output().multiply(BigDecimal.valueOf(maxOut)));
        return nanos(cost);
    }

    /**
     * Reserves the attempt's most possible cost in every budget that applies; all or nothing.
     *
     * @return the reservations, or an error: {@link Redirect} when the refusing budget has a fallback group, else
     *     {@link BudgetExceededException}
     */
    Mono<List<Reservation>> reserve(String group, DeploymentModel m, RequestNeeds needs, Map<String, String> tags, Instant now) {
        List<Budget> applicable = budgets.stream().filter(b -> applies(b, group, m.deployment(), tags)).toList();
        if (applicable.isEmpty()) {
            return Mono.just(List.of());
        }
        long amount = maxCostNanos(m, needs);
        return reserveEach(applicable, 0, amount, now, new ArrayList<>());
    }

    private Mono<List<Reservation>> reserveEach(List<Budget> todo, int i, long amount, Instant now, List<Reservation> done) {
        if (i == todo.size()) {
            return Mono.just(List.copyOf(done));
        }
        Budget b = todo.get(i);
        Duration ttl = untilReset(b, now).plus(SLACK);
        String key = key(b, now);
        return state.reserve(key, nanos(b.limit()), amount, ttl).flatMap(ok -> {
            if (ok) {
                done.add(new Reservation(b, key, amount, ttl));
                return reserveEach(todo, i + 1, amount, now, done);
            }
            return settle(done, null).then(refusal(b, key, now));
        });
    }

    private Mono<List<Reservation>> refusal(Budget b, String key, Instant now) {
        if (b.fallbackGroup() != null) {
            return Mono.error(new Redirect(b));
        }
        return state.budget(key).onErrorReturn(RouterState.BudgetUsage.ZERO).flatMap(u -> Mono.error(new BudgetExceededException(
                "budget " + b.name() + " of $" + b.limit().toPlainString() + " per " + b.period() + " would be exceeded (spent $"
                        + usd(u.spentNanos()).toPlainString() + ", reserved by calls in flight $" + usd(u.reservedNanos()).toPlainString()
                        + "); it resets in " + untilReset(b, now).toSeconds() + " s",
                ErrorDetails.of("llmux", b.target(), 429).withType("budget_exceeded", "budget_exceeded", null)
                        .withRetryAfter(untilReset(b, now)),
                b.name(), b.limit(), usd(u.spentNanos() + u.reservedNanos()))));
    }

    /** Replaces reservations with the real cost (null: nothing known to be spent) and fires threshold alerts. */
    Mono<Void> settle(List<Reservation> reservations, @Nullable BigDecimal cost) {
        if (reservations.isEmpty()) {
            return Mono.empty();
        }
        long spent = cost == null || cost.signum() <= 0 ? 0 : nanos(cost);
        return Flux.fromIterable(reservations)
                .concatMap(r -> state.settle(r.key(), r.nanos(), spent, r.ttl()).doOnNext(u -> alerts(r.budget(), u.spentNanos() - spent, u.spentNanos())))
                .then();
    }

    private void alerts(Budget b, long before, long after) {
        long limit = nanos(b.limit());
        for (double t : b.alertThresholds()) {
            double mark = t * limit;
            if (before < mark && after >= mark) {
                listener.budgetThreshold(b, t, usd(after));
            }
        }
    }
}
