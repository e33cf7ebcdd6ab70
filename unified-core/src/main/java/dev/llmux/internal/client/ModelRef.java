package dev.llmux.internal.client;

import dev.llmux.catalog.ModelCatalog;
import dev.llmux.catalog.ModelInfo;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ErrorDetails;
import java.util.Optional;

/**
 * A model string resolved to a provider id and the provider's own model name.
 *
 * @param provider the provider id as written ({@code ollama_chat} stays {@code ollama_chat})
 * @param model the provider's model name (may itself contain slashes, as in {@code openrouter/meta-llama/llama-3})
 */
public record ModelRef(String provider, String model) {

    /**
     * Resolves {@code provider/model}, or a bare name through the catalog.
     *
     * @throws BadRequestException naming the model when neither works
     */
    public static ModelRef resolve(String modelString, ProviderRegistry registry, ModelCatalog catalog) {
        int slash = modelString.indexOf('/');
        if (slash > 0) {
            String prefix = modelString.substring(0, slash);
            if (registry.contains(prefix) && slash < modelString.length() - 1) {
                return new ModelRef(prefix, modelString.substring(slash + 1));
            }
        }
        Optional<ModelInfo> info = catalog.findBare(modelString);
        if (info.isPresent() && registry.contains(info.get().provider())) {
            // keep the name as typed: an alias such as gpt-4o-2024-08-06 is a distinct snapshot at the provider
            return new ModelRef(info.get().provider(), modelString);
        }
        String hint;
        if (info.isPresent()) {
            hint = "it is a " + info.get().provider() + " model, and no " + info.get().provider()
                    + " provider is registered: add its module to the classpath or register it on the builder";
        } else if (slash > 0) {
            hint = "unknown provider \"" + modelString.substring(0, slash) + "\"; known: " + new java.util.TreeSet<>(registry.ids());
        } else {
            hint = "not in the model catalog";
        }
        throw new BadRequestException("unknown model \"" + modelString + "\" (" + hint
                + "); name it as provider/model, for example openai/gpt-4o or anthropic/claude-sonnet-4-5",
                ErrorDetails.of("llmux", modelString, 400).withType("invalid_request_error", "model_not_found", "model"));
    }
}
