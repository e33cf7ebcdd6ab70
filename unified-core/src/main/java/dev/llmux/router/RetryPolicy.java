package dev.llmux.router;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How many times the router retries a model group for each kind of failure (LiteLLM's {@code num_retries} and
 * {@code retry_policy}). Whatever the numbers say, an error whose {@link dev.llmux.error.LlmuxException#isRetryable()}
 * is false (bad request, authentication, context window, content policy, exhausted quota) is never retried: it
 * cannot succeed by trying again, and it goes straight to the matching fallbacks.
 *
 * @param numRetries retries for kinds without their own number
 * @param perKind retries for specific kinds; 0 is a valid value and means "never"
 */
public record RetryPolicy(int numRetries, Map<FailureKind, Integer> perKind) {

    /** Two retries for everything, as LiteLLM's {@code DEFAULT_MAX_RETRIES}. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(2, Map.of());

    public RetryPolicy {
        if (numRetries < 0) {
            throw new IllegalArgumentException("numRetries must be >= 0, was " + numRetries);
        }
        Objects.requireNonNull(perKind, "perKind");
        perKind.forEach((k, v) -> {
            if (v == null || v < 0) {
                throw new IllegalArgumentException("retries for " + k + " must be >= 0, was " + v);
            }
        });
        perKind = perKind.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(perKind));
    }

    public static RetryPolicy of(int numRetries) {
        return new RetryPolicy(numRetries, Map.of());
    }

    /** This policy with {@code retries} for {@code kind}. */
    public RetryPolicy with(FailureKind kind, int retries) {
        EnumMap<FailureKind, Integer> copy = new EnumMap<>(FailureKind.class);
        copy.putAll(perKind);
        copy.put(kind, retries);
        return new RetryPolicy(numRetries, copy);
    }

    public RetryPolicy withNumRetries(int numRetries) {
        return new RetryPolicy(numRetries, perKind);
    }

    /** The retries allowed for {@code kind}. */
    public int retriesFor(FailureKind kind) {
        return perKind.getOrDefault(kind, numRetries);
    }
}
