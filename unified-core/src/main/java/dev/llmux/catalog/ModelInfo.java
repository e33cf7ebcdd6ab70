package dev.llmux.catalog;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One catalog entry.
 *
 * @param provider the provider id, for example {@code anthropic}
 * @param name the provider's model name, for example {@code claude-sonnet-4-5}
 * @param mode {@code chat} or {@code embedding}
 * @param maxInputTokens the context window for input, or null when unknown
 * @param maxOutputTokens the most output tokens one call may ask for, or null when unknown
 * @param prices USD per token
 * @param capabilities what the model can do
 */
public record ModelInfo(
        String provider,
        String name,
        String mode,
        @Nullable Integer maxInputTokens,
        @Nullable Integer maxOutputTokens,
        ModelPrices prices,
        Set<Capability> capabilities) {

    public ModelInfo {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(prices, "prices");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** {@code provider/name}. */
    public String key() {
        return provider + "/" + name;
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    public ModelInfo withPrices(ModelPrices prices) {
        return new ModelInfo(provider, name, mode, maxInputTokens, maxOutputTokens, prices, capabilities);
    }
}
