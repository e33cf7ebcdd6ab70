package dev.llmux.gateway.config;

import dev.llmux.catalog.ModelPrices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model names the gateway serves (the {@code model_name}s of {@code model_list}), with the highest prices
 * among each name's deployments, used to reserve budget before a call. Names ending in {@code /*} are wildcard
 * entries: {@code openai/*} serves every {@code openai/…} model.
 */
public final class ModelDirectory {

    private final Map<String, Optional<ModelPrices>> models;
    private final List<String> wildcardPrefixes;

    private ModelDirectory(Map<String, Optional<ModelPrices>> models) {
        this.models = models;
        List<String> prefixes = new ArrayList<>();
        for (String name : models.keySet()) {
            if (name.equals("*")) {
                prefixes.add("");
            } else if (name.endsWith("/*")) {
                prefixes.add(name.substring(0, name.length() - 1));
            }
        }
        this.wildcardPrefixes = List.copyOf(prefixes);
    }

    /** @param models name → prices (null when unknown), in the order {@code /v1/models} lists them */
    public static ModelDirectory of(Map<String, ModelPrices> models) {
        Map<String, Optional<ModelPrices>> copy = new LinkedHashMap<>();
        models.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "model name"), Optional.ofNullable(v)));
        return new ModelDirectory(copy);
    }

    public List<String> names() {
        return List.copyOf(models.keySet());
    }

    public boolean contains(String model) {
        if (models.containsKey(model)) {
            return true;
        }
        for (String p : wildcardPrefixes) {
            if (model.startsWith(p) && model.length() > p.length()) {
                return true;
            }
        }
        return false;
    }

    public Optional<ModelPrices> prices(String model) {
        Optional<ModelPrices> p = models.get(model);
        return p == null ? Optional.empty() : p;
    }
}
