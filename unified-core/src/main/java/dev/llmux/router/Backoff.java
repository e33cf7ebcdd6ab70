package dev.llmux.router;

import java.time.Duration;
import java.util.Objects;

/**
 * Jittered exponential backoff between retries: {@code initial × multiplier^(retry-1)}, at most {@code max}, then
 * multiplied by a random factor in {@code [1 - jitter, 1 + jitter]}. A provider's {@code Retry-After} raises the
 * wait (when the retry may land on the same deployment) but never above {@code retryAfterCap}; when the provider
 * asks for more than the cap, the router stops retrying that group and moves to its fallbacks.
 *
 * @param initial the first wait
 * @param max the longest computed wait
 * @param multiplier growth per retry, at least 1
 * @param jitter relative randomisation in {@code [0, 1)}
 * @param retryAfterCap the longest {@code Retry-After} the router will honour
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter, Duration retryAfterCap) {

    /** LiteLLM's constants: 0.5 s initial, 8 s max; jitter ±25 %; Retry-After honoured up to 60 s. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 2.0, 0.25, Duration.ofSeconds(60));

    /** No waiting at all (tests, or deployments that are all different endpoints). */
    public static final Backoff NONE = new Backoff(Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(retryAfterCap, "retryAfterCap");
        if (initial.isNegative() || max.isNegative() || retryAfterCap.isNegative()) {
            throw new IllegalArgumentException("backoff durations must not be negative: initial=" + initial + ", max=" + max
                    + ", retryAfterCap=" + retryAfterCap);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below initial " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("backoff multiplier must be a finite number >= 1, was " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1), was " + jitter);
        }
    }

    public static Backoff exponential(Duration initial, Duration max) {
        return new Backoff(initial, max, 2.0, DEFAULT.jitter, DEFAULT.retryAfterCap);
    }

    public Backoff withJitter(double jitter) {
        return new Backoff(initial, max, multiplier, jitter, retryAfterCap);
    }

    public Backoff withRetryAfterCap(Duration cap) {
        return new Backoff(initial, max, multiplier, jitter, cap);
    }

    /**
     * The wait before retry number {@code retry} (1-based).
     *
     * @param random a uniform value in {@code [0, 1)}
     */
    public Duration delay(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry is 1-based, was " + retry);
        }
        double base = initial.toMillis() * Math.pow(multiplier, retry - 1);
        double capped = Math.min(base, max.toMillis());
        double factor = 1.0 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(capped * factor));
    }
}
