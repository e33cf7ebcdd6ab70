package dev.llmux.router;

import dev.llmux.router.internal.InMemoryRouterState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The router's mutable state: cooldowns, per-minute failure and usage counters, calls in flight, and budget spend
 * and reservations. One instance in memory ({@link #inMemory()}) serves one process; a shared implementation
 * (Redis, in {@code llmux-redis}) makes limits and cooldowns hold across every instance that uses it: a limit of
 * N rpm is N in total, not N per instance.
 *
 * <p>Contract: every method is non-blocking and its check-and-update is atomic (two instances can never both take
 * the last request of a minute or the last dollar of a budget). Time is always passed in by the router (from its
 * clock), so implementations never read a clock; per-minute windows are {@code epochMillis / 60_000}. Money is in
 * nano-USD ({@code 1e-9} USD) so shared stores can use integer arithmetic.
 */
public interface RouterState {

    /** A fresh in-memory state for one process. */
    static RouterState inMemory() {
        return new InMemoryRouterState();
    }

    /** The current load of each deployment asked for (a missing id means "no data", i.e. idle and healthy). */
    Mono<Map<String, DeploymentLoad>> load(Collection<String> deploymentIds, Instant now);

    /**
     * Admits one call to a deployment if it stays within its limits this minute: requests + 1 ≤ {@code rpmLimit}
     * and tokens + {@code tokens} ≤ {@code tpmLimit} (0 = no limit). On admission it counts the request, the tokens
     * and one call in flight, atomically.
     *
     * @return true when admitted; false when a limit would be passed (nothing is counted then)
     */
    Mono<Boolean> acquire(String deploymentId, Instant now, int rpmLimit, long tpmLimit, long tokens);

    /**
     * Ends a call admitted by {@link #acquire}: one call less in flight, and {@code tokenCorrection} (real tokens
     * minus the estimate, may be negative) added to this minute's tokens.
     */
    Mono<Void> release(String deploymentId, Instant now, long tokenCorrection);

    /** Counts a finished successful call (for the failure ratio). */
    Mono<Void> recordSuccess(String deploymentId, Instant now);

    /**
     * Counts a failure under {@code counter} (a failure kind, or {@code generic}) and starts a cooldown when the
     * rule says so. Starting a cooldown while one is running does not extend it.
     *
     * @return true when this failure started a cooldown
     */
    Mono<Boolean> recordFailure(String deploymentId, String counter, Instant now, CooldownRule rule);

    /**
     * Reserves {@code amountNanos} of the budget {@code key} if spent + reserved + amount ≤ {@code limitNanos}.
     *
     * @param ttl how long the key must live (a little more than the budget's remaining period)
     * @return true when reserved
     */
    Mono<Boolean> reserve(String key, long limitNanos, long amountNanos, Duration ttl);

    /**
     * Replaces a reservation with the real spend: reserved −= {@code reservedNanos}, spent += {@code spentNanos}.
     *
     * @return the totals right after this update (so threshold alerts fire once, on the call that crossed them)
     */
    Mono<BudgetUsage> settle(String key, long reservedNanos, long spentNanos, Duration ttl);

    /** The spend and reservations of a budget key. */
    Mono<BudgetUsage> budget(String key);

    /**
     * One deployment's state this minute.
     *
     * @param requests calls admitted this minute
     * @param tokens tokens counted this minute (estimates corrected by real usage)
     * @param inFlight calls admitted and not yet released
     * @param coolingUntil when the current cooldown ends, or null when not cooling
     */
    record DeploymentLoad(long requests, long tokens, long inFlight, @Nullable Instant coolingUntil) {
        public static final DeploymentLoad IDLE = new DeploymentLoad(0, 0, 0, null);

        public boolean isCooling(Instant now) {
            return coolingUntil != null && coolingUntil.isAfter(now);
        }
    }

    /**
     * When {@link #recordFailure} starts a cooldown: the counter passes {@code allowedFails}, or (once at least
     * {@code minRequests} calls finished this minute) failures / finished calls passes {@code failureRatio}.
     */
    record CooldownRule(int allowedFails, double failureRatio, int minRequests, Duration cooldown) {
        public CooldownRule {
            Objects.requireNonNull(cooldown, "cooldown");
        }
    }

    /** A budget key's totals in nano-USD. */
    record BudgetUsage(long spentNanos, long reservedNanos) {
        public static final BudgetUsage ZERO = new BudgetUsage(0, 0);
    }
}
