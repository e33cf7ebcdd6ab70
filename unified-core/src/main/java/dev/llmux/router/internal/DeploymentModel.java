package dev.llmux.router.internal;

import dev.llmux.catalog.Capability;
import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.router.Deployment;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the router knows about a deployment's model: its catalog entry laid under the deployment's own overrides.
 * Resolved once when the router is built.
 *
 * @param known true when the catalog (or the deployment) says anything about the model
 */
record DeploymentModel(
        Deployment deployment,
        boolean known,
        @Nullable Integer maxInputTokens,
        @Nullable Integer maxOutputTokens,
        Set<Capability> capabilities,
        @Nullable ModelPrices prices) {

    /** LiteLLM prices a model it does not know at $1 a token for cost-based routing: last resort. */
    private static final BigDecimal UNKNOWN_PRICE = BigDecimal.ONE;

    static DeploymentModel of(Deployment d, ModelCatalog catalog) {
        Optional<ModelInfo> info = find(d.model(), catalog);
        Integer window = d.maxInputTokens() != null ? d.maxInputTokens() : info.map(ModelInfo::maxInputTokens).orElse(null);
        Set<Capability> caps = !d.capabilities().isEmpty() ? d.capabilities() : info.map(ModelInfo::capabilities).orElse(Set.of());
        ModelPrices prices = d.prices() != null ? d.prices() : info.map(ModelInfo::prices).orElse(null);
        boolean known = info.isPresent() || !d.capabilities().isEmpty();
        return new DeploymentModel(d, known, window, info.map(ModelInfo::maxOutputTokens).orElse(null), caps, prices);
    }

    private static Optional<ModelInfo> find(String model, ModelCatalog catalog) {
        int slash = model.indexOf('/');
        if (slash > 0) {
            Optional<ModelInfo> exact = catalog.find(model.substring(0, slash), model.substring(slash + 1));
            if (exact.isPresent()) {
                return exact;
            }
            Optional<ModelInfo> bare = catalog.findBare(model.substring(slash + 1));
            if (bare.isPresent()) {
                return bare;
            }
        }
        return catalog.findBare(model);
    }

    /** Input plus output price per token, for cost-based routing. */
    BigDecimal unitPrice() {
        return prices == null ? UNKNOWN_PRICE : prices.input().add(prices.output());
    }

    /**
     * True unless the model is known and lacks {@code capability}: an unknown model gets the benefit of the doubt
     * (the provider will say if it cannot).
     */
    boolean mayHave(Capability capability) {
        return !known || capabilities.contains(capability);
    }
}
