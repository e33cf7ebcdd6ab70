package dev.llmux.gateway.limit;

import dev.llmux.catalog.ModelPrices;
import dev.llmux.gateway.auth.Caller;
import dev.llmux.gateway.http.GatewayException;
import dev.llmux.gateway.keys.Limits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Admits a request against its key's and team's limits and budgets with reserve-then-reconcile: before the call
 * it reserves an estimate (prompt estimate plus {@code max_tokens}, priced at the model's prices); after the call
 * the reservation is replaced by the real usage and cost. Concurrent requests therefore see each other's
 * reservations, and a budget can be overspent at most by what the in-flight requests use beyond their estimates.
 */
public final class RequestGuard {

    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

    private final LimitState state;
    private final Clock clock;
    private final int defaultOutputTokens;

    public RequestGuard(LimitState state, Clock clock, int defaultOutputTokens) {
        this.state = state;
        this.clock = clock;
        this.defaultOutputTokens = defaultOutputTokens;
    }

    public LimitState state() {
        return state;
    }

    /**
     * @param promptTokens an estimate of the prompt's tokens
     * @param maxOutputTokens the request's {@code max_tokens}, or null
     */
    public Mono<Permit> admit(Caller caller, @Nullable ModelPrices prices, long promptTokens, @Nullable Integer maxOutputTokens) {
        if (!caller.limited()) {
            return Mono.just(Permit.NONE);
        }
        long outputTokens = maxOutputTokens != null ? maxOutputTokens : defaultOutputTokens;
        long reserveTokens = promptTokens + outputTokens;
        long reserveNanos = prices == null ? 0 : nanos(prices.input().multiply(BigDecimal.valueOf(promptTokens))
                .add(prices.output().multiply(BigDecimal.valueOf(outputTokens))));
        List<Claim> claims = new ArrayList<>();
        addClaims(claims, "key:" + caller.key().tokenHash(), caller.key().limits(), reserveTokens, reserveNanos);
        if (caller.team() != null) {
            addClaims(claims, "team:" + caller.team().teamId(), caller.team().limits(), reserveTokens, reserveNanos);
        }
        if (claims.isEmpty()) {
            return Mono.just(Permit.NONE);
        }
        long minute = clock.millis() / 60_000;
        return state.acquire(claims, minute)
                .flatMap(refusal -> Mono.<Permit>error(refused(refusal)))
                .switchIfEmpty(Mono.fromSupplier(() -> new Permit(state, claims, minute)));
    }

    private static void addClaims(List<Claim> claims, String scope, Limits l, long tokens, long nanos) {
        if (l.rpmLimit() != null) {
            claims.add(new Claim.Requests(scope, l.rpmLimit()));
        }
        if (l.tpmLimit() != null) {
            claims.add(new Claim.Tokens(scope, l.tpmLimit(), tokens));
        }
        if (l.maxParallelRequests() != null) {
            claims.add(new Claim.Parallel(scope, l.maxParallelRequests()));
        }
        if (l.maxBudget() != null) {
            claims.add(new Claim.Budget(scope, period(l), nanos(l.maxBudget()), nanos, nanos(l.spend())));
        }
    }

    /** The budget period's id: its reset time, so a reset starts a fresh counter on every instance. */
    public static String period(Limits l) {
        return l.budgetResetAt() == null ? "total" : Long.toString(l.budgetResetAt().getEpochSecond());
    }

    public static long nanos(BigDecimal usd) {
        return usd.multiply(NANOS).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    public static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos).divide(NANOS).stripTrailingZeros();
    }

    private static GatewayException refused(LimitState.Refusal r) {
        String holder = r.claim().scope().startsWith("team:")
                ? "team " + r.claim().scope().substring(5)
                : "API key";
        if (r.claim() instanceof Claim.Budget b) {
            return GatewayException.budgetExceeded("Budget has been exceeded for " + holder + ": current cost "
                    + usd(r.spentNanos() == null ? 0 : r.spentNanos()).toPlainString() + " USD, max budget "
                    + usd(b.maxNanos()).toPlainString() + " USD (requests in flight hold reservations against it)");
        }
        String code = r.claim() instanceof Claim.Parallel ? "max_parallel_requests_exceeded" : "rate_limit_exceeded";
        return GatewayException.rateLimited(holder + " reached its " + r.claim().describe(), code);
    }

    /** What an admitted request holds; settle it exactly once when the call ends (success, error or cancel). */
    public static final class Permit {
        static final Permit NONE = new Permit(null, List.of(), 0);

        private final @Nullable LimitState state;
        private final List<Claim> claims;
        private final long minute;
        private final AtomicBoolean settled = new AtomicBoolean();

        Permit(@Nullable LimitState state, List<Claim> claims, long minute) {
            this.state = state;
            this.claims = claims;
            this.minute = minute;
        }

        /** Reconciles with what the call used; later calls do nothing. */
        public Mono<Void> settle(long tokens, @Nullable BigDecimal cost) {
            if (state == null || !settled.compareAndSet(false, true)) {
                return Mono.empty();
            }
            long spent = cost == null ? 0 : nanos(cost);
            return state.settle(claims, minute, tokens, spent)
                    .onErrorResume(e -> {
                        log.warn("could not settle limits after a call: {}", e.toString());
                        return Mono.empty();
                    });
        }

        /** Settles in the background (for cancellation, where nobody waits). */
        public void settleLater(long tokens, @Nullable BigDecimal cost) {
            settle(tokens, cost).subscribe();
        }
    }
}
