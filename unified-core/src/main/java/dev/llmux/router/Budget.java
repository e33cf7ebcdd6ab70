package dev.llmux.router;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A USD budget for a model group or a tag, per period. Periods are fixed windows of {@code period} counted from
 * the Unix epoch (a day budget resets at 00:00 UTC); spend resets when a new window starts.
 *
 * <p>Before each attempt the router reserves the attempt's most possible cost (prompt-token estimate × input price
 * + max output tokens × output price) and refuses the attempt when spend + reservations + this reservation would pass
 * the limit; after the attempt it replaces the reservation with the real cost. Concurrent calls therefore cannot
 * overspend, except by what the estimates of calls in flight undercount (the output side is exact when the request
 * sets {@code max_tokens}).
 *
 * @param name unique name, part of the state key
 * @param scope what the budget covers
 * @param target the group name, or the tag
 * @param limit USD per period
 * @param period window length (LiteLLM {@code time_period}: {@code 1d}, {@code 30d}, {@code 1mo} = 30 days)
 * @param fallbackThreshold share of the limit (0..1] past which calls route to {@code fallbackGroup} instead; used
 *     only with a fallback group
 * @param fallbackGroup a cheaper or local group to use once the threshold is crossed, or null to fail with
 *     {@link dev.llmux.error.BudgetExceededException} when the limit is reached
 * @param alertThresholds shares of the limit (each in (0..1]) at which listeners hear
 *     {@link RouterListener#budgetThreshold}
 */
public record Budget(
        String name,
        Scope scope,
        String target,
        BigDecimal limit,
        Duration period,
        double fallbackThreshold,
        @Nullable String fallbackGroup,
        List<Double> alertThresholds) {

    /** What a budget covers. */
    public enum Scope {
        /** Every call routed to a model group. */
        GROUP,
        /** Every call whose deployment has the tag, or whose {@link dev.llmux.CallOptions#tags()} has it as a key. */
        TAG
    }

    public Budget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(period, "period");
        if (limit.signum() <= 0) {
            throw new IllegalArgumentException("budget " + name + ": limit must be positive, was " + limit);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("budget " + name + ": period must be positive, was " + period);
        }
        if (!(fallbackThreshold > 0 && fallbackThreshold <= 1)) {
            throw new IllegalArgumentException("budget " + name + ": fallbackThreshold must be in (0, 1], was " + fallbackThreshold);
        }
        alertThresholds = List.copyOf(alertThresholds);
        for (Double t : alertThresholds) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("budget " + name + ": alert threshold must be in (0, 1], was " + t);
            }
        }
    }

    /** A budget of {@code limit} USD per {@code period} for {@code group}, failing once spent. */
    public static Budget forGroup(String group, BigDecimal limit, Duration period) {
        return new Budget("group:" + group, Scope.GROUP, group, limit, period, 1.0, null, List.of());
    }

    /** A budget of {@code limit} USD per {@code period} for calls carrying {@code tag}. */
    public static Budget forTag(String tag, BigDecimal limit, Duration period) {
        return new Budget("tag:" + tag, Scope.TAG, tag, limit, period, 1.0, null, List.of());
    }

    /** Past {@code threshold} of the limit, send calls to {@code group} instead of failing. */
    public Budget withFallback(double threshold, String group) {
        return new Budget(name, scope, target, limit, period, threshold, Objects.requireNonNull(group, "group"), alertThresholds);
    }

    public Budget withAlerts(List<Double> thresholds) {
        return new Budget(name, scope, target, limit, period, fallbackThreshold, fallbackGroup, thresholds);
    }
}
