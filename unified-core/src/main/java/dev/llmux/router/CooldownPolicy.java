package dev.llmux.router;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a deployment is taken out of rotation (LiteLLM's {@code allowed_fails}, {@code allowed_fails_policy},
 * {@code cooldown_time}). Failures are counted per deployment in fixed one-minute windows; only failures that say
 * something about the deployment count (see {@link FailureKind#countsAgainstDeployment()}). A deployment cools down
 * for {@code cooldownTime} when, within the current minute,
 * <ul>
 *   <li>its failures of one kind exceed that kind's allowed fails ({@link #perKind}), counted separately per kind,
 *   <li>or its other failures together exceed {@code allowedFails},
 *   <li>or more than {@code failureRatio} of its finished calls failed, once at least {@code minRequests} finished.
 * </ul>
 * Zero is a valid number of allowed fails: the first such failure cools the deployment down.
 *
 * @param enabled false turns cooldowns off (LiteLLM {@code disable_cooldowns})
 * @param allowedFails failures per minute tolerated before a cooldown (default 3)
 * @param perKind allowed fails for specific kinds
 * @param failureRatio the failed share of calls above which a deployment cools down (default 0.5); 1 disables it
 * @param minRequests calls a minute needs before the ratio applies (default 5)
 * @param cooldownTime how long a deployment rests (default 5 s)
 */
public record CooldownPolicy(
        boolean enabled,
        int allowedFails,
        Map<FailureKind, Integer> perKind,
        double failureRatio,
        int minRequests,
        Duration cooldownTime) {

    public static final CooldownPolicy DEFAULT = new CooldownPolicy(true, 3, Map.of(), 0.5, 5, Duration.ofSeconds(5));

    public static final CooldownPolicy DISABLED = DEFAULT.withEnabled(false);

    public CooldownPolicy {
        if (allowedFails < 0) {
            throw new IllegalArgumentException("allowedFails must be >= 0, was " + allowedFails);
        }
        Objects.requireNonNull(perKind, "perKind");
        perKind.forEach((k, v) -> {
            if (v == null || v < 0) {
                throw new IllegalArgumentException("allowed fails for " + k + " must be >= 0, was " + v);
            }
        });
        perKind = perKind.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(perKind));
        if (!(failureRatio > 0 && failureRatio <= 1)) {
            throw new IllegalArgumentException("failureRatio must be in (0, 1], was " + failureRatio);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("minRequests must be >= 1, was " + minRequests);
        }
        Objects.requireNonNull(cooldownTime, "cooldownTime");
        if (cooldownTime.isNegative() || cooldownTime.isZero()) {
            throw new IllegalArgumentException("cooldownTime must be positive, was " + cooldownTime);
        }
    }

    public CooldownPolicy withEnabled(boolean enabled) {
        return new CooldownPolicy(enabled, allowedFails, perKind, failureRatio, minRequests, cooldownTime);
    }

    public CooldownPolicy withAllowedFails(int allowedFails) {
        return new CooldownPolicy(enabled, allowedFails, perKind, failureRatio, minRequests, cooldownTime);
    }

    public CooldownPolicy withAllowedFails(FailureKind kind, int allowedFails) {
        EnumMap<FailureKind, Integer> copy = new EnumMap<>(FailureKind.class);
        copy.putAll(perKind);
        copy.put(kind, allowedFails);
        return new CooldownPolicy(enabled, this.allowedFails, copy, failureRatio, minRequests, cooldownTime);
    }

    public CooldownPolicy withFailureRatio(double failureRatio, int minRequests) {
        return new CooldownPolicy(enabled, allowedFails, perKind, failureRatio, minRequests, cooldownTime);
    }

    public CooldownPolicy withCooldownTime(Duration cooldownTime) {
        return new CooldownPolicy(enabled, allowedFails, perKind, failureRatio, minRequests, cooldownTime);
    }
}
