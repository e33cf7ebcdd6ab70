package dev.llmux.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Router} behaves. Immutable; start from {@link #defaults()} or {@link #builder()}, derive with
 * {@link #toBuilder()}. Defaults follow LiteLLM's where it has one.
 *
 * @param strategy how a deployment is picked (default weighted shuffle)
 * @param retryPolicy retries per failure kind (default 2)
 * @param backoff waits between retries
 * @param cooldown when deployments rest
 * @param fallbacks where a failed group goes
 * @param timeout the first-byte timeout of one attempt for deployments without their own, or null for none
 * @param deadline one total deadline over all retries and fallbacks of a call when {@link dev.llmux.CallOptions#deadline()}
 *     is not set, or null for none
 * @param preCallChecks skip deployments whose context window cannot hold the request or that lack a capability
 *     it needs (tools, vision, JSON schema) (LiteLLM {@code enable_pre_call_checks}; default on)
 * @param budgets USD budgets per group or tag
 * @param cacheResponses cache non-streaming answers (default off)
 * @param cacheTtl how long a cached answer lives unless the request says otherwise
 * @param latencyBuffer for latency-based routing, deployments within this share of the best are candidates too
 * @param latencyAlpha weight of the newest sample in the latency moving average, in (0, 1]
 * @param defaultMaxTokens output tokens assumed for tpm and budget reservations when neither the request
 *     ({@code max_tokens}) nor the catalog (max output tokens) says
 * @param groupAliases extra names for groups (LiteLLM {@code model_group_alias})
 */
public record RouterSettings(
        RoutingStrategy strategy,
        RetryPolicy retryPolicy,
        Backoff backoff,
        CooldownPolicy cooldown,
        Fallbacks fallbacks,
        @Nullable Duration timeout,
        @Nullable Duration deadline,
        boolean preCallChecks,
        List<Budget> budgets,
        boolean cacheResponses,
        Duration cacheTtl,
        double latencyBuffer,
        double latencyAlpha,
        int defaultMaxTokens,
        Map<String, String> groupAliases) {

    private static final RouterSettings DEFAULTS = builder().build();

    public RouterSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(fallbacks, "fallbacks");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        requirePositive("timeout", timeout);
        requirePositive("deadline", deadline);
        requirePositive("cacheTtl", cacheTtl);
        budgets = List.copyOf(budgets);
        if (budgets.stream().map(Budget::name).distinct().count() != budgets.size()) {
            throw new IllegalArgumentException("budget names must be unique, were " + budgets.stream().map(Budget::name).toList());
        }
        if (!(latencyBuffer >= 0) || Double.isInfinite(latencyBuffer)) {
            throw new IllegalArgumentException("latencyBuffer must be a finite number >= 0, was " + latencyBuffer);
        }
        if (!(latencyAlpha > 0 && latencyAlpha <= 1)) {
            throw new IllegalArgumentException("latencyAlpha must be in (0, 1], was " + latencyAlpha);
        }
        if (defaultMaxTokens < 1) {
            throw new IllegalArgumentException("defaultMaxTokens must be >= 1, was " + defaultMaxTokens);
        }
        groupAliases = Map.copyOf(groupAliases);
    }

    private static void requirePositive(String name, @Nullable Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    public static RouterSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.strategy = strategy;
        b.retryPolicy = retryPolicy;
        b.backoff = backoff;
        b.cooldown = cooldown;
        b.fallbacks = fallbacks;
        b.timeout = timeout;
        b.deadline = deadline;
        b.preCallChecks = preCallChecks;
        b.budgets.addAll(budgets);
        b.cacheResponses = cacheResponses;
        b.cacheTtl = cacheTtl;
        b.latencyBuffer = latencyBuffer;
        b.latencyAlpha = latencyAlpha;
        b.defaultMaxTokens = defaultMaxTokens;
        b.groupAliases.putAll(groupAliases);
        return b;
    }

    /** Builds {@link RouterSettings}; every value is optional. */
    public static final class Builder {
        private RoutingStrategy strategy = RoutingStrategy.SIMPLE_SHUFFLE;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Backoff backoff = Backoff.DEFAULT;
        private CooldownPolicy cooldown = CooldownPolicy.DEFAULT;
        private Fallbacks fallbacks = Fallbacks.NONE;
        private @Nullable Duration timeout;
        private @Nullable Duration deadline;
        private boolean preCallChecks = true;
        private final List<Budget> budgets = new ArrayList<>();
        private boolean cacheResponses;
        private Duration cacheTtl = Duration.ofHours(1);
        private double latencyBuffer;
        private double latencyAlpha = 0.3;
        private int defaultMaxTokens = 4096;
        private final Map<String, String> groupAliases = new LinkedHashMap<>();

        private Builder() {}

        public Builder strategy(RoutingStrategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** Shorthand for a retry policy of {@code numRetries} for every kind without its own number. */
        public Builder numRetries(int numRetries) {
            this.retryPolicy = retryPolicy.withNumRetries(numRetries);
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder cooldown(CooldownPolicy cooldown) {
            this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
            return this;
        }

        public Builder fallbacks(Fallbacks fallbacks) {
            this.fallbacks = Objects.requireNonNull(fallbacks, "fallbacks");
            return this;
        }

        public Builder timeout(@Nullable Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder deadline(@Nullable Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder preCallChecks(boolean preCallChecks) {
            this.preCallChecks = preCallChecks;
            return this;
        }

        public Builder budget(Budget budget) {
            this.budgets.add(Objects.requireNonNull(budget, "budget"));
            return this;
        }

        public Builder cacheResponses(boolean cacheResponses) {
            this.cacheResponses = cacheResponses;
            return this;
        }

        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = Objects.requireNonNull(cacheTtl, "cacheTtl");
            return this;
        }

        public Builder latencyBuffer(double latencyBuffer) {
            this.latencyBuffer = latencyBuffer;
            return this;
        }

        public Builder latencyAlpha(double latencyAlpha) {
            this.latencyAlpha = latencyAlpha;
            return this;
        }

        public Builder defaultMaxTokens(int defaultMaxTokens) {
            this.defaultMaxTokens = defaultMaxTokens;
            return this;
        }

        public Builder groupAlias(String alias, String group) {
            this.groupAliases.put(Objects.requireNonNull(alias, "alias"), Objects.requireNonNull(group, "group"));
            return this;
        }

        public RouterSettings build() {
            return new RouterSettings(strategy, retryPolicy, backoff, cooldown, fallbacks, timeout, deadline, preCallChecks,
                    budgets, cacheResponses, cacheTtl, latencyBuffer, latencyAlpha, defaultMaxTokens, groupAliases);
        }
    }
}
