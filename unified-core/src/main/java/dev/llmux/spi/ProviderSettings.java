package dev.llmux.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Connection settings for a provider or one deployment, under LiteLLM's {@code litellm_params} names so its
 * configs move over unchanged: {@code api_key}, {@code api_base}, {@code api_version}, {@code organization},
 * {@code aws_access_key_id}, {@code aws_region_name}, {@code vertex_project}, {@code vertex_credentials}, … A value
 * of the form {@code os.environ/NAME} is read from the environment by {@link #resolve(Function)}.
 * {@link #toString()} never shows values: they may be secrets.
 */
public final class ProviderSettings {

    private static final ProviderSettings EMPTY = new ProviderSettings(Map.of());
    private static final String ENV_PREFIX = "os.environ/";

    private final Map<String, String> values;

    private ProviderSettings(Map<String, String> values) {
        this.values = values;
    }

    public static ProviderSettings empty() {
        return EMPTY;
    }

    public static ProviderSettings of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "setting name");
            if (v != null) {
                copy.put(k, v);
            }
        });
        return new ProviderSettings(Collections.unmodifiableMap(copy));
    }

    public static Builder builder() {
        return new Builder();
    }

    public @Nullable String get(String name) {
        return values.get(name);
    }

    public @Nullable String apiKey() {
        return values.get("api_key");
    }

    public @Nullable String apiBase() {
        return values.get("api_base");
    }

    public @Nullable String apiVersion() {
        return values.get("api_version");
    }

    public Set<String> names() {
        return values.keySet();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** These settings with {@code other}'s values laid over them. */
    public ProviderSettings overriddenBy(ProviderSettings other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(other.values);
        return new ProviderSettings(Collections.unmodifiableMap(merged));
    }

    /**
     * Replaces {@code os.environ/NAME} values with the variable's value.
     *
     * @throws IllegalArgumentException naming the setting and the variable when the variable is unset
     */
    public ProviderSettings resolve(Function<String, String> env) {
        Map<String, String> out = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().startsWith(ENV_PREFIX)) {
                String var = e.getValue().substring(ENV_PREFIX.length());
                String v = env.apply(var);
                if (v == null) {
                    throw new IllegalArgumentException("setting " + e.getKey() + " refers to environment variable " + var + ", which is not set");
                }
                if (out == null) {
                    out = new LinkedHashMap<>(values);
                }
                out.put(e.getKey(), v);
            }
        }
        return out == null ? this : new ProviderSettings(Collections.unmodifiableMap(out));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProviderSettings s && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "ProviderSettings" + values.keySet();
    }

    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {}

        public Builder set(String name, @Nullable String value) {
            if (value == null) {
                values.remove(name);
            } else {
                values.put(name, value);
            }
            return this;
        }

        public Builder apiKey(@Nullable String apiKey) {
            return set("api_key", apiKey);
        }

        public Builder apiBase(@Nullable String apiBase) {
            return set("api_base", apiBase);
        }

        public Builder apiVersion(@Nullable String apiVersion) {
            return set("api_version", apiVersion);
        }

        public ProviderSettings build() {
            return of(values);
        }
    }
}
