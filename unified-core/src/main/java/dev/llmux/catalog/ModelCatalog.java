package dev.llmux.catalog;

import dev.llmux.internal.json.Json;
import dev.llmux.internal.provider.RecentValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Models by {@code provider/name}, with aliases and bare-name lookup. Immutable: {@link #bundled()} is loaded once
 * from {@code dev/llmux/catalog/models.json}, and {@link #with(ModelInfo)} or {@link #with(ModelCatalog)} derive
 * a catalog with entries added or replaced (a deployment's custom prices, a private model, a user's catalog file
 * read with {@link #load(Path)}).
 *
 * <p>The format, shared by the bundled file and user files:
 * <pre>{@code
 * {"models": {
 *   "anthropic/claude-sonnet-4-5": {
 *     "mode": "chat",                         // or "embedding"; default "chat"
 *     "max_input_tokens": 200000, "max_output_tokens": 64000,
 *     "input_per_mtok": "3.00", "output_per_mtok": "15.00",        // USD per million tokens, decimal strings
 *     "cache_read_per_mtok": "0.30", "cache_write_per_mtok": "3.75", // optional; default the input price
 *     "aliases": ["claude-sonnet-4-5-20250929"],                    // other names of the same model, optional
 *     "capabilities": ["tools", "vision", "reasoning", ...]         // Capability names, any case
 *   }}}
 * }</pre>
 *
 * <p>Bare names ({@code gpt-4o}, an alias such as {@code gpt-4o-2024-08-06}) resolve to the first entry that
 * has the name, in file order; the bundled file lists each model's canonical provider first, so
 * {@code gemini-2.5-flash} is {@code gemini}, not {@code vertex_ai}. In a merged catalog the receiver's order
 * comes first and entries of the other catalog that are new follow theirs.
 */
public final class ModelCatalog {

    private static final String RESOURCE = "/dev/llmux/catalog/models.json";
    private static final Set<String> FIELDS = Set.of("mode", "max_input_tokens", "max_output_tokens", "input_per_mtok",
            "output_per_mtok", "cache_read_per_mtok", "cache_write_per_mtok", "aliases", "capabilities");

    private final Map<String, ModelInfo> byKey;
    /** {@code provider/alias} → canonical key. */
    private final Map<String, String> aliasToKey;
    /** bare name or alias → canonical key, first entry wins. */
    private final Map<String, String> bareToKey;
    /** canonical key → aliases. */
    private final Map<String, List<String>> aliases;
    /** Recent answers of {@link #find}. */
    private final RecentValues<Question, Optional<ModelInfo>> recent = new RecentValues<>(64);

    private ModelCatalog(Map<String, ModelInfo> byKey, Map<String, List<String>> aliases) {
        this.byKey = Collections.unmodifiableMap(byKey);
        Map<String, String> alias = new LinkedHashMap<>();
        Map<String, String> bare = new LinkedHashMap<>();
        for (ModelInfo m : byKey.values()) {
            bare.putIfAbsent(m.name(), m.key());
            for (String a : aliases.getOrDefault(m.key(), List.of())) {
                alias.putIfAbsent(m.provider() + "/" + a, m.key());
                bare.putIfAbsent(a, m.key());
            }
        }
        this.aliasToKey = Collections.unmodifiableMap(alias);
        this.bareToKey = Collections.unmodifiableMap(bare);
        this.aliases = aliases;
    }

    private static final class Bundled {
        static final ModelCatalog INSTANCE = loadBundled();

        private static ModelCatalog loadBundled() {
            InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IllegalStateException("model catalog resource " + RESOURCE + " is missing from the classpath");
            }
            try (in) {
                return load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + RESOURCE, e);
            }
        }
    }

    /** The catalog shipped with llmux. */
    public static ModelCatalog bundled() {
        return Bundled.INSTANCE;
    }

    public static ModelCatalog empty() {
        return new ModelCatalog(new LinkedHashMap<>(), Map.of());
    }

    /**
     * Reads a catalog in llmux's format (see the class Javadoc) from a file.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException naming the entry and field when the content is not a valid catalog
     */
    public static ModelCatalog load(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read model catalog " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a catalog in llmux's format (see the class Javadoc). The stream is not closed.
     *
     * @throws IllegalArgumentException naming the entry and field when the content is not a valid catalog
     */
    public static ModelCatalog load(InputStream json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("model catalog is not valid JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode models = root.get("models");
        if (models == null || !models.isObject()) {
            throw new IllegalArgumentException("model catalog needs a \"models\" object");
        }
        Map<String, ModelInfo> out = new LinkedHashMap<>();
        Map<String, List<String>> aliases = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : models.properties()) {
            ModelInfo info = parse(e.getKey(), e.getValue());
            out.put(e.getKey(), info);
            JsonNode a = e.getValue().get("aliases");
            if (a != null) {
                if (!a.isArray()) {
                    throw new IllegalArgumentException("model catalog entry " + e.getKey() + ": aliases must be an array of names");
                }
                List<String> names = new ArrayList<>();
                a.forEach(n -> names.add(n.asString()));
                aliases.put(e.getKey(), List.copyOf(names));
            }
        }
        return new ModelCatalog(out, aliases);
    }

    private static ModelInfo parse(String key, JsonNode n) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new IllegalArgumentException("model catalog key must be provider/name, was " + key);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException("model catalog entry " + key + " must be an object");
        }
        for (String field : n.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("model catalog entry " + key + " has unknown field \"" + field + "\"; known: " + new TreeSet<>(FIELDS));
            }
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
        ModelPrices prices;
        try {
            prices = ModelPrices.perMillion(input, output, Json.text(n, "cache_read_per_mtok"), Json.text(n, "cache_write_per_mtok"));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("model catalog entry " + key + " has a price that is not a decimal number", ex);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("model catalog entry " + key + ": " + ex.getMessage(), ex);
        }
        return new ModelInfo(key.substring(0, slash), key.substring(slash + 1),
                Optional.ofNullable(Json.text(n, "mode")).orElse("chat"),
                positive(key, n, "max_input_tokens"),
                positive(key, n, "max_output_tokens"),
                prices,
                caps);
    }

    private static @Nullable Integer positive(String key, JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.asLong() <= 0 || v.asLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model catalog entry " + key + ": " + field + " must be a positive integer, was " + v);
        }
        return v.asInt();
    }

    /** The entry for {@code provider/name}, where {@code name} may be one of the entry's aliases. */
    public Optional<ModelInfo> find(String provider, String name) {
        // a call looks its model up several times (its parameters, its provider's limits, its cost); the recent
        // answers are kept, which spares building the "provider/name" key and a miss in a table of thousands
        if (provider == null || name == null) {
            return lookUp(provider, name); // as before the answers were kept: no entry has a null in its key
        }
        Question question = new Question(provider, name);
        Optional<ModelInfo> info = recent.get(question);
        if (info == null) {
            info = lookUp(provider, name);
            recent.put(question, info);
        }
        return info;
    }

    /** What {@link #find} was asked. */
    private record Question(String provider, String name) {}

    private Optional<ModelInfo> lookUp(String provider, String name) {
        String key = provider + "/" + name;
        ModelInfo direct = byKey.get(key);
        if (direct != null) {
            return Optional.of(direct);
        }
        String canonical = aliasToKey.get(key);
        return canonical == null ? Optional.empty() : Optional.ofNullable(byKey.get(canonical));
    }

    /** The entry for a bare model name such as {@code gpt-4o} or an alias, canonical provider first. */
    public Optional<ModelInfo> findBare(String name) {
        String key = bareToKey.get(name);
        return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
    }

    /** The other names of an entry ({@code claude-sonnet-4-5-20250929} for {@code claude-sonnet-4-5}). */
    public List<String> aliases(ModelInfo info) {
        return aliases.getOrDefault(info.key(), List.of());
    }

    public Collection<ModelInfo> models() {
        return byKey.values();
    }

    /** A catalog with {@code info} added, or replacing the entry with the same key (keeping its aliases). */
    public ModelCatalog with(ModelInfo info) {
        Objects.requireNonNull(info, "info");
        Map<String, ModelInfo> copy = new LinkedHashMap<>(byKey);
        copy.put(info.key(), info);
        return new ModelCatalog(copy, aliases);
    }

    /** A catalog with every entry of {@code other} added or replacing (with {@code other}'s aliases when it has any). */
    public ModelCatalog with(ModelCatalog other) {
        Objects.requireNonNull(other, "other");
        Map<String, ModelInfo> copy = new LinkedHashMap<>(byKey);
        copy.putAll(other.byKey);
        Map<String, List<String>> a = new LinkedHashMap<>(aliases);
        a.putAll(other.aliases);
        return new ModelCatalog(copy, a);
    }
}
