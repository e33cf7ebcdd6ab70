package dev.llmux;

import dev.llmux.catalog.ModelPrices;
import dev.llmux.spi.ProviderSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Per-call llmux settings that are not part of the OpenAI request body.
 *
 * @param settings provider settings laid over the client's for this call ({@code api_key}, {@code api_base}, …)
 * @param timeout the first-byte timeout for each provider attempt, or null for the transport's
 * @param deadline one total deadline for the whole call, every retry and fallback included, or null for none
 * @param dropParams drop OpenAI parameters the provider does not support instead of failing; null inherits the
 *     client's setting
 * @param additionalDropParams parameters always removed before sending (wire names, or extra fields)
 * @param prices prices to cost this call with instead of the catalog's (a deployment's custom prices), or null
 * @param tags free-form labels for listeners, budgets and spend logs
 */
public record CallOptions(
        ProviderSettings settings,
        @Nullable Duration timeout,
        @Nullable Duration deadline,
        @Nullable Boolean dropParams,
        Set<String> additionalDropParams,
        @Nullable ModelPrices prices,
        Map<String, String> tags) {

    private static final CallOptions DEFAULTS = new CallOptions(ProviderSettings.empty(), null, null, null, Set.of(), null, Map.of());

    public CallOptions {
        Objects.requireNonNull(settings, "settings");
        additionalDropParams = Set.copyOf(additionalDropParams);
        tags = Map.copyOf(tags);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
    }

    public static CallOptions defaults() {
        return DEFAULTS;
    }

    public CallOptions withSettings(ProviderSettings settings) {
        return new CallOptions(settings, timeout, deadline, dropParams, additionalDropParams, prices, tags);
    }

    public CallOptions withTimeout(@Nullable Duration timeout) {
        return new CallOptions(settings, timeout, deadline, dropParams, additionalDropParams, prices, tags);
    }

    public CallOptions withDeadline(@Nullable Duration deadline) {
        return new CallOptions(settings, timeout, deadline, dropParams, additionalDropParams, prices, tags);
    }

    public CallOptions withDropParams(@Nullable Boolean dropParams) {
        return new CallOptions(settings, timeout, deadline, dropParams, additionalDropParams, prices, tags);
    }

    public CallOptions withAdditionalDropParams(Set<String> names) {
        return new CallOptions(settings, timeout, deadline, dropParams, names, prices, tags);
    }

    public CallOptions withPrices(@Nullable ModelPrices prices) {
        return new CallOptions(settings, timeout, deadline, dropParams, additionalDropParams, prices, tags);
    }

    public CallOptions withTags(Map<String, String> tags) {
        return new CallOptions(settings, timeout, deadline, dropParams, additionalDropParams, prices, tags);
    }
}
