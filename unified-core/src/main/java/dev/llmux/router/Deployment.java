package dev.llmux.router;

import dev.llmux.catalog.Capability;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.spi.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One place a model group's calls can go: a model string ({@code provider/model}), its settings (credentials,
 * {@code api_base}, …) and how the router should treat it. Immutable; build with {@link #builder(String, String)}.
 *
 * @param id a stable id (LiteLLM's {@code model_info.id}); by default a hash of group, model and api base, never
 *     of the key
 * @param group the model group (alias) this deployment serves
 * @param model the model string sent to the provider, for example {@code azure/gpt-4o-eu}
 * @param settings provider settings for this deployment; values may be {@code os.environ/NAME} references
 * @param weight relative share for weighted shuffle, or 0 when unset
 * @param rpm requests per minute this deployment accepts (enforced), or 0 for no limit
 * @param tpm tokens per minute (enforced against estimates, then real usage), or 0 for no limit
 * @param order priority tier: every deployment of the lowest order is tried before any of a higher one
 * @param timeout the first-byte timeout of one attempt, or null for the router's
 * @param prices custom USD prices per token (costing, lowest-cost routing, budgets), or null for the catalog's
 * @param maxInputTokens a context window that overrides the catalog's (LiteLLM {@code model_info.max_input_tokens})
 * @param capabilities capabilities that override the catalog's when not empty
 * @param tags labels for tag budgets and listeners
 */
public record Deployment(
        String id,
        String group,
        String model,
        ProviderSettings settings,
        double weight,
        int rpm,
        long tpm,
        int order,
        @Nullable Duration timeout,
        @Nullable ModelPrices prices,
        @Nullable Integer maxInputTokens,
        Set<Capability> capabilities,
        Set<String> tags) {

    public Deployment {
        requireText("id", id);
        requireText("group", group);
        requireText("model", model);
        Objects.requireNonNull(settings, "settings");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("deployment " + id + ": weight must be a finite number >= 0, was " + weight);
        }
        if (rpm < 0) {
            throw new IllegalArgumentException("deployment " + id + ": rpm must be >= 0, was " + rpm);
        }
        if (tpm < 0) {
            throw new IllegalArgumentException("deployment " + id + ": tpm must be >= 0, was " + tpm);
        }
        if (order < 0) {
            throw new IllegalArgumentException("deployment " + id + ": order must be >= 0, was " + order);
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("deployment " + id + ": timeout must be positive, was " + timeout);
        }
        if (maxInputTokens != null && maxInputTokens <= 0) {
            throw new IllegalArgumentException("deployment " + id + ": maxInputTokens must be positive, was " + maxInputTokens);
        }
        capabilities = Set.copyOf(capabilities);
        tags = Set.copyOf(tags);
    }

    private static void requireText(String name, @Nullable String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** A deployment of {@code model} in {@code group}. */
    public static Builder builder(String group, String model) {
        return new Builder(group, model);
    }

    /** A deployment with no settings beyond its model string. */
    public static Deployment of(String group, String model) {
        return builder(group, model).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(group, model);
        b.id = id;
        b.settings = settings;
        b.weight = weight;
        b.rpm = rpm;
        b.tpm = tpm;
        b.order = order;
        b.timeout = timeout;
        b.prices = prices;
        b.maxInputTokens = maxInputTokens;
        b.capabilities.addAll(capabilities);
        b.tags.addAll(tags);
        return b;
    }

    @Override
    public String toString() {
        // settings hold credentials: show only their names
        return "Deployment[id=" + id + ", group=" + group + ", model=" + model + ", settings=" + settings
                + ", weight=" + weight + ", rpm=" + rpm + ", tpm=" + tpm + ", order=" + order + "]";
    }

    /** Builds a {@link Deployment}; only the group and model are required. */
    public static final class Builder {
        private final String group;
        private final String model;
        private @Nullable String id;
        private ProviderSettings settings = ProviderSettings.empty();
        private double weight;
        private int rpm;
        private long tpm;
        private int order;
        private @Nullable Duration timeout;
        private @Nullable ModelPrices prices;
        private @Nullable Integer maxInputTokens;
        private final Set<Capability> capabilities = new LinkedHashSet<>();
        private final Set<String> tags = new LinkedHashSet<>();

        private Builder(String group, String model) {
            this.group = Objects.requireNonNull(group, "group");
            this.model = Objects.requireNonNull(model, "model");
        }

        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder settings(ProviderSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public Builder weight(double weight) {
            this.weight = weight;
            return this;
        }

        public Builder rpm(int rpm) {
            this.rpm = rpm;
            return this;
        }

        public Builder tpm(long tpm) {
            this.tpm = tpm;
            return this;
        }

        public Builder order(int order) {
            this.order = order;
            return this;
        }

        public Builder timeout(@Nullable Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder prices(@Nullable ModelPrices prices) {
            this.prices = prices;
            return this;
        }

        public Builder maxInputTokens(@Nullable Integer maxInputTokens) {
            this.maxInputTokens = maxInputTokens;
            return this;
        }

        public Builder capability(Capability capability) {
            this.capabilities.add(Objects.requireNonNull(capability, "capability"));
            return this;
        }

        public Builder tag(String tag) {
            this.tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        public Deployment build() {
            String theId = id != null ? id : defaultId(group, model, settings.apiBase());
            return new Deployment(theId, group, model, settings, weight, rpm, tpm, order, timeout, prices, maxInputTokens,
                    capabilities, tags);
        }

        // deterministic across instances, so shared state (cooldowns, counters) keys agree; the key is left out
        private static String defaultId(String group, String model, @Nullable String apiBase) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] hash = sha.digest((group + "\n" + model + "\n" + (apiBase == null ? "" : apiBase)).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 8);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }
}
