package dev.llmux.langchain4j;

import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j's common parameters plus the OpenAI-shaped ones llmux can send to any provider. Merging follows
 * LangChain4j's rules: in {@code overrideWith}, every non-null value of the argument wins; custom parameters are
 * merged key by key.
 */
public class LlmuxChatRequestParameters extends DefaultChatRequestParameters {

    private final @Nullable String reasoningEffort;
    private final @Nullable Boolean parallelToolCalls;
    private final @Nullable Long seed;
    private final @Nullable String user;
    private final @Nullable Integer maxCompletionTokens;
    private final Map<String, String> metadata;
    private final Map<String, Object> customParameters;

    protected LlmuxChatRequestParameters(Builder builder) {
        super(builder);
        this.reasoningEffort = builder.reasoningEffort;
        this.parallelToolCalls = builder.parallelToolCalls;
        this.seed = builder.seed;
        this.user = builder.user;
        this.maxCompletionTokens = builder.maxCompletionTokens;
        this.metadata = Map.copyOf(builder.metadata);
        this.customParameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.customParameters));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** OpenAI's {@code reasoning_effort}, mapped by llmux to each provider's thinking knob. */
    public @Nullable String reasoningEffort() {
        return reasoningEffort;
    }

    public @Nullable Boolean parallelToolCalls() {
        return parallelToolCalls;
    }

    public @Nullable Long seed() {
        return seed;
    }

    public @Nullable String user() {
        return user;
    }

    public @Nullable Integer maxCompletionTokens() {
        return maxCompletionTokens;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Fields sent as they are in the request body (for example {@code thinking} or {@code top_k}). */
    public Map<String, Object> customParameters() {
        return customParameters;
    }

    @Override
    public LlmuxChatRequestParameters overrideWith(ChatRequestParameters that) {
        return builder().overrideWith(this).overrideWith(that).build();
    }

    @Override
    public LlmuxChatRequestParameters defaultedBy(ChatRequestParameters that) {
        return builder().overrideWith(that).overrideWith(this).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LlmuxChatRequestParameters p && super.equals(o)
                && Objects.equals(reasoningEffort, p.reasoningEffort) && Objects.equals(parallelToolCalls, p.parallelToolCalls)
                && Objects.equals(seed, p.seed) && Objects.equals(user, p.user)
                && Objects.equals(maxCompletionTokens, p.maxCompletionTokens) && metadata.equals(p.metadata)
                && customParameters.equals(p.customParameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), reasoningEffort, parallelToolCalls, seed, user, maxCompletionTokens, metadata, customParameters);
    }

    public static class Builder extends DefaultChatRequestParameters.Builder<Builder> {
        private @Nullable String reasoningEffort;
        private @Nullable Boolean parallelToolCalls;
        private @Nullable Long seed;
        private @Nullable String user;
        private @Nullable Integer maxCompletionTokens;
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final Map<String, Object> customParameters = new LinkedHashMap<>();

        @Override
        public Builder overrideWith(ChatRequestParameters parameters) {
            super.overrideWith(parameters);
            if (parameters instanceof LlmuxChatRequestParameters p) {
                reasoningEffort = p.reasoningEffort != null ? p.reasoningEffort : reasoningEffort;
                parallelToolCalls = p.parallelToolCalls != null ? p.parallelToolCalls : parallelToolCalls;
                seed = p.seed != null ? p.seed : seed;
                user = p.user != null ? p.user : user;
                maxCompletionTokens = p.maxCompletionTokens != null ? p.maxCompletionTokens : maxCompletionTokens;
                metadata.putAll(p.metadata);
                customParameters.putAll(p.customParameters);
            }
            return this;
        }

        public Builder reasoningEffort(@Nullable String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder seed(@Nullable Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
            if (maxCompletionTokens != null && maxCompletionTokens < 1) {
                throw new IllegalArgumentException("maxCompletionTokens must be at least 1, was " + maxCompletionTokens);
            }
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata.putAll(metadata);
            return this;
        }

        public Builder customParameter(String name, Object value) {
            this.customParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder customParameters(Map<String, Object> parameters) {
            this.customParameters.putAll(parameters);
            return this;
        }

        @Override
        public LlmuxChatRequestParameters build() {
            return new LlmuxChatRequestParameters(this);
        }
    }
}
