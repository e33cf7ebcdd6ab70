package dev.llmux.provider.compat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One OpenAI-compatible provider, described as data: where it lives, how it authenticates, which OpenAI parameters it
 * refuses and which {@link Quirk}s it has. {@link CompatPresets} holds the built-in table.
 *
 * @param ids the model prefixes it answers to; the first is canonical ({@code groq}, {@code together_ai}, …)
 * @param baseUrl the default base URL (requests go to {@code {base}/chat/completions}), or null when the user must
 *     give {@code api_base} (a self-hosted server)
 * @param apiBaseEnv environment variables that may give the base URL, in order
 * @param apiKeyEnv environment variables that may give the key, in order
 * @param apiKeyRequired false for local servers that take no key
 * @param authHeader the header carrying the key ({@code Authorization})
 * @param authPrefix what precedes the key in that header ({@code "Bearer "})
 * @param unsupportedParams OpenAI parameters the API rejects for every model
 * @param unsupportedParamsByModel extra parameters rejected by models whose name matches the regex key
 * @param headers extra headers taken from settings or the environment
 * @param embeddings true when the API offers {@code /embeddings}
 * @param quirks the deviations llmux handles
 */
public record CompatPreset(
        List<String> ids,
        @Nullable String baseUrl,
        List<String> apiBaseEnv,
        List<String> apiKeyEnv,
        boolean apiKeyRequired,
        String authHeader,
        String authPrefix,
        Set<String> unsupportedParams,
        Map<String, Set<String>> unsupportedParamsByModel,
        List<SettingHeader> headers,
        boolean embeddings,
        Set<Quirk> quirks) {

    public CompatPreset {
        ids = List.copyOf(ids);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a preset needs at least one id");
        }
        apiBaseEnv = List.copyOf(apiBaseEnv);
        apiKeyEnv = List.copyOf(apiKeyEnv);
        Objects.requireNonNull(authHeader, "authHeader");
        Objects.requireNonNull(authPrefix, "authPrefix");
        unsupportedParams = Set.copyOf(unsupportedParams);
        unsupportedParamsByModel = Map.copyOf(unsupportedParamsByModel);
        headers = List.copyOf(headers);
        quirks = Set.copyOf(quirks);
    }

    /** The canonical id. */
    public String id() {
        return ids.get(0);
    }

    /**
     * A header whose value comes from a setting or the environment, sent only when set (OpenRouter's attribution
     * headers, for example).
     *
     * @param setting the setting name ({@code http_referer})
     * @param header the header name ({@code HTTP-Referer})
     * @param env environment variables to fall back on
     */
    public record SettingHeader(String setting, String header, List<String> env) {
        public SettingHeader {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(header, "header");
            env = List.copyOf(env);
        }
    }

    public static Builder builder(String... ids) {
        return new Builder(List.of(ids));
    }

    /** Builds a preset; defaults: bearer auth, key required, every parameter supported, no quirks. */
    public static final class Builder {
        private final List<String> ids;
        private @Nullable String baseUrl;
        private List<String> apiBaseEnv = List.of();
        private List<String> apiKeyEnv = List.of();
        private boolean apiKeyRequired = true;
        private String authHeader = "Authorization";
        private String authPrefix = "Bearer ";
        private Set<String> unsupported = Set.of();
        private Map<String, Set<String>> unsupportedByModel = Map.of();
        private List<SettingHeader> headers = List.of();
        private boolean embeddings;
        private Set<Quirk> quirks = Set.of();

        private Builder(List<String> ids) {
            this.ids = ids;
        }

        public Builder baseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder apiBaseEnv(String... vars) {
            this.apiBaseEnv = List.of(vars);
            return this;
        }

        public Builder apiKeyEnv(String... vars) {
            this.apiKeyEnv = List.of(vars);
            return this;
        }

        public Builder keyOptional() {
            this.apiKeyRequired = false;
            return this;
        }

        public Builder auth(String header, String prefix) {
            this.authHeader = header;
            this.authPrefix = prefix;
            return this;
        }

        public Builder unsupported(String... params) {
            this.unsupported = Set.of(params);
            return this;
        }

        public Builder unsupportedFor(String modelRegex, String... params) {
            Map<String, Set<String>> m = new java.util.LinkedHashMap<>(unsupportedByModel);
            m.put(modelRegex, Set.of(params));
            this.unsupportedByModel = m;
            return this;
        }

        public Builder header(String setting, String header, String... env) {
            List<SettingHeader> h = new java.util.ArrayList<>(headers);
            h.add(new SettingHeader(setting, header, List.of(env)));
            this.headers = h;
            return this;
        }

        public Builder embeddings() {
            this.embeddings = true;
            return this;
        }

        public Builder quirks(Quirk... quirks) {
            this.quirks = Set.of(quirks);
            return this;
        }

        public CompatPreset build() {
            return new CompatPreset(ids, baseUrl, apiBaseEnv, apiKeyEnv, apiKeyRequired, authHeader, authPrefix, unsupported,
                    unsupportedByModel, headers, embeddings, quirks);
        }
    }
}
