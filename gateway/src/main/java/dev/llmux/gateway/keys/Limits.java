package dev.llmux.gateway.keys;

import java.math.BigDecimal;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The budget and rate limits a key or a team carries; null means "no limit".
 *
 * @param maxBudget USD the holder may spend per budget period (or in total without a duration)
 * @param budgetDuration how often spend resets ({@code 30d}), or null for never
 * @param budgetResetAt when spend resets next, or null
 * @param spend USD spent in the current period, as last written to the store
 * @param rpmLimit requests per minute
 * @param tpmLimit tokens per minute
 * @param maxParallelRequests requests in flight at once
 */
public record Limits(
        @Nullable BigDecimal maxBudget,
        @Nullable String budgetDuration,
        @Nullable Instant budgetResetAt,
        BigDecimal spend,
        @Nullable Long rpmLimit,
        @Nullable Long tpmLimit,
        @Nullable Integer maxParallelRequests) {

    public static final Limits NONE = new Limits(null, null, null, BigDecimal.ZERO, null, null, null);

    public Limits {
        spend = spend == null ? BigDecimal.ZERO : spend;
    }
}
