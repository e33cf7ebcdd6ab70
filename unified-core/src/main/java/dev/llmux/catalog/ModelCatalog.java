package dev.llmux.catalog;

import dev.llmux.internal.json.Json;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Models by {@code provider/name}, with bare-name lookup. Immutable; {@link #bundled()} is loaded once from
 * {@code dev/llmux/catalog/models.json}, and {@link #with(ModelInfo)} derives a catalog with an entry added or
 * replaced (for example a deployment's custom prices).
 */
public final class ModelCatalog {

    private static final String RESOURCE = "/dev/llmux/catalog/models.json";

    private final Map<String, ModelInfo> byKey;
    private final Map<String, ModelInfo> byBareName;

    private ModelCatalog(Map<String, ModelInfo> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
        Map<String, ModelInfo> bare = new LinkedHashMap<>();
        // first entry wins for a bare name, so the catalog file's order decides (canonical provider first)
        byKey.values().forEach(m -> bare.putIfAbsent(m.name(), m));
        this.byBareName = Collections.unmodifiableMap(bare);
    }

    private static final class Bundled {
        static final ModelCatalog INSTANCE = load(ModelCatalog.class.getResourceAsStream(RESOURCE));
    }

    /** The catalog shipped with llmux. */
    public static ModelCatalog bundled() {
        return Bundled.INSTANCE;
    }

    public static ModelCatalog empty() {
        return new ModelCatalog(new LinkedHashMap<>());
    }

    /**
     * Reads a catalog in llmux's format: {@code {"models":{"provider/name":{"mode", "max_input_tokens",
     * "max_output_tokens", "input_per_mtok", "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok",
     * "capabilities":[…]}}}}, prices in USD per million tokens as decimal strings.
     */
    public static ModelCatalog load(InputStream json) {
        if (json == null) {
            throw new IllegalStateException("model catalog resource " + RESOURCE + " is missing from the classpath");
        }
        JsonNode root = Json.tree(json);
        JsonNode models = root.get("models");
        if (models == null || !models.isObject()) {
            throw new IllegalArgumentException("model catalog needs a \"models\" object");
        }
        Map<String, ModelInfo> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : models.properties()) {
            out.put(e.getKey(), parse(e.getKey(), e.getValue()));
        }
        return new ModelCatalog(out);
    }

    private static ModelInfo parse(String key, JsonNode n) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new IllegalArgumentException("model catalog key must be provider/name, was " + key);
        }
        String input = Json.text(n, "input_per_mtok");
        String output = Json.text(n, "output_per_mtok");
        if (input == null || output == null) {
            throw new IllegalArgumentException("model catalog entry " + key + " needs input_per_mtok and output_per_mtok");
        }
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        JsonNode capNode = n.get("capabilities");
        if (capNode != null) {
            for (JsonNode c : capNode) {
                try {
                    caps.add(Capability.valueOf(c.asString().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("model catalog entry " + key + " has unknown capability " + c.asString(), ex);
                }
            }
        }
        return new ModelInfo(key.substring(0, slash), key.substring(slash + 1),
                Optional.ofNullable(Json.text(n, "mode")).orElse("chat"),
                n.hasNonNull("max_input_tokens") ? n.get("max_input_tokens").asInt() : null,
                n.hasNonNull("max_output_tokens") ? n.get("max_output_tokens").asInt() : null,
                ModelPrices.perMillion(input, output, Json.text(n, "cache_read_per_mtok"), Json.text(n, "cache_write_per_mtok")),
                caps);
    }

    /** The entry for {@code provider/name}. */
    public Optional<ModelInfo> find(String provider, String name) {
        return Optional.ofNullable(byKey.get(provider + "/" + name));
    }

    /** The entry for a bare model name such as {@code gpt-4o}. */
    public Optional<ModelInfo> findBare(String name) {
        return Optional.ofNullable(byBareName.get(name));
    }

    public Collection<ModelInfo> models() {
        return byKey.values();
    }

    /** A catalog with {@code info} added, or replacing the entry with the same key. */
    public ModelCatalog with(ModelInfo info) {
        Map<String, ModelInfo> copy = new LinkedHashMap<>(byKey);
        copy.put(info.key(), info);
        return new ModelCatalog(copy);
    }

    /** A catalog with every entry of {@code other} added or replacing. */
    public ModelCatalog with(ModelCatalog other) {
        Map<String, ModelInfo> copy = new LinkedHashMap<>(byKey);
        copy.putAll(other.byKey);
        return new ModelCatalog(copy);
    }
}
