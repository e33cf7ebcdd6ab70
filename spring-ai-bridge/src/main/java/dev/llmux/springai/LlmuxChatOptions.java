package dev.llmux.springai;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.DefaultToolCallingChatOptions;
import org.springframework.ai.model.tool.StructuredOutputChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * Immutable options for {@link LlmuxChatModel}. Implements {@link ToolCallingChatOptions} (without it {@code ChatClient}
 * silently drops tools) and {@link StructuredOutputChatOptions} (native JSON-schema output). Derive variants with
 * {@link #mutate()}; runtime options are merged over the model's defaults with Spring AI's {@code combineWith} rules.
 */
public final class LlmuxChatOptions implements ToolCallingChatOptions, StructuredOutputChatOptions {

    private final @Nullable String model;
    private final @Nullable Double frequencyPenalty;
    private final @Nullable Integer maxTokens;
    private final @Nullable Double presencePenalty;
    private final @Nullable List<String> stopSequences;
    private final @Nullable Double temperature;
    private final @Nullable Integer topK;
    private final @Nullable Double topP;
    private final List<ToolCallback> toolCallbacks;
    private final Map<String, Object> toolContext;
    private final @Nullable String outputSchema;
    private final @Nullable String toolChoice;
    private final @Nullable Boolean parallelToolCalls;
    private final @Nullable String reasoningEffort;
    private final @Nullable Long seed;
    private final @Nullable String user;
    private final Map<String, Object> extraBody;

    private LlmuxChatOptions(@Nullable String model, @Nullable Double frequencyPenalty, @Nullable Integer maxTokens,
            @Nullable Double presencePenalty, @Nullable List<String> stopSequences, @Nullable Double temperature, @Nullable Integer topK,
            @Nullable Double topP, @Nullable List<ToolCallback> toolCallbacks, @Nullable Map<String, Object> toolContext, Builder b) {
        this.model = model;
        this.frequencyPenalty = frequencyPenalty;
        this.maxTokens = maxTokens;
        this.presencePenalty = presencePenalty;
        this.stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.toolCallbacks = toolCallbacks == null ? List.of() : List.copyOf(toolCallbacks);
        this.toolContext = toolContext == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(toolContext));
        this.outputSchema = b.outputSchema;
        this.toolChoice = b.toolChoice;
        this.parallelToolCalls = b.parallelToolCalls;
        this.reasoningEffort = b.reasoningEffort;
        this.seed = b.seed;
        this.user = b.user;
        this.extraBody = Collections.unmodifiableMap(new LinkedHashMap<>(b.extraBody));
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Builder mutate() {
        Builder b = builder().model(model).frequencyPenalty(frequencyPenalty).maxTokens(maxTokens).presencePenalty(presencePenalty)
                .stopSequences(stopSequences).temperature(temperature).topK(topK).topP(topP)
                .toolCallbacks(new ArrayList<>(toolCallbacks)).toolContext(new LinkedHashMap<>(toolContext));
        b.outputSchema = outputSchema;
        b.toolChoice = toolChoice;
        b.parallelToolCalls = parallelToolCalls;
        b.reasoningEffort = reasoningEffort;
        b.seed = seed;
        b.user = user;
        b.extraBody.putAll(extraBody);
        return b;
    }

    /** The llmux model string or router alias. */
    @Override
    public @Nullable String getModel() {
        return model;
    }

    @Override
    public @Nullable Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    @Override
    public @Nullable Integer getMaxTokens() {
        return maxTokens;
    }

    @Override
    public @Nullable Double getPresencePenalty() {
        return presencePenalty;
    }

    @Override
    public @Nullable List<String> getStopSequences() {
        return stopSequences;
    }

    @Override
    public @Nullable Double getTemperature() {
        return temperature;
    }

    @Override
    public @Nullable Integer getTopK() {
        return topK;
    }

    @Override
    public @Nullable Double getTopP() {
        return topP;
    }

    @Override
    public List<ToolCallback> getToolCallbacks() {
        return toolCallbacks;
    }

    @Override
    public Map<String, Object> getToolContext() {
        return toolContext;
    }

    /** The JSON schema Spring AI asks for when native structured output is on. */
    @Override
    public @Nullable String getOutputSchema() {
        return outputSchema;
    }

    /** {@code auto}, {@code none}, {@code required}, or the name of the one function to call. */
    public @Nullable String getToolChoice() {
        return toolChoice;
    }

    public @Nullable Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    public @Nullable String getReasoningEffort() {
        return reasoningEffort;
    }

    public @Nullable Long getSeed() {
        return seed;
    }

    public @Nullable String getUser() {
        return user;
    }

    /** Fields sent as they are in the request body (for example {@code thinking}). */
    public Map<String, Object> getExtraBody() {
        return extraBody;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LlmuxChatOptions x && Objects.equals(model, x.model) && Objects.equals(frequencyPenalty, x.frequencyPenalty)
                && Objects.equals(maxTokens, x.maxTokens) && Objects.equals(presencePenalty, x.presencePenalty)
                && Objects.equals(stopSequences, x.stopSequences) && Objects.equals(temperature, x.temperature)
                && Objects.equals(topK, x.topK) && Objects.equals(topP, x.topP) && toolCallbacks.equals(x.toolCallbacks)
                && toolContext.equals(x.toolContext) && Objects.equals(outputSchema, x.outputSchema)
                && Objects.equals(toolChoice, x.toolChoice) && Objects.equals(parallelToolCalls, x.parallelToolCalls)
                && Objects.equals(reasoningEffort, x.reasoningEffort) && Objects.equals(seed, x.seed)
                && Objects.equals(user, x.user) && extraBody.equals(x.extraBody);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, temperature, maxTokens, topP, toolCallbacks, outputSchema, toolChoice, reasoningEffort);
    }

    @Override
    public String toString() {
        return "LlmuxChatOptions{model=" + model + ", temperature=" + temperature + ", maxTokens=" + maxTokens
                + ", tools=" + toolCallbacks.size() + ", toolChoice=" + toolChoice + ", reasoningEffort=" + reasoningEffort
                + ", outputSchema=" + (outputSchema != null) + "}";
    }

    /** Builds {@link LlmuxChatOptions}; merging follows Spring AI: non-null values of the other builder win. */
    public static final class Builder extends DefaultToolCallingChatOptions.Builder<Builder>
            implements StructuredOutputChatOptions.Builder<Builder> {

        private @Nullable String outputSchema;
        private @Nullable String toolChoice;
        private @Nullable Boolean parallelToolCalls;
        private @Nullable String reasoningEffort;
        private @Nullable Long seed;
        private @Nullable String user;
        private final Map<String, Object> extraBody = new LinkedHashMap<>();

        @Override
        public Builder outputSchema(@Nullable String outputSchema) {
            this.outputSchema = outputSchema;
            return this;
        }

        public Builder toolChoice(@Nullable String toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder reasoningEffort(@Nullable String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
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

        public Builder extraBody(String name, Object value) {
            this.extraBody.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        @Override
        public Builder combineWith(ChatOptions.Builder<?> other) {
            super.combineWith(other);
            if (other instanceof Builder o) {
                outputSchema = o.outputSchema != null ? o.outputSchema : outputSchema;
                toolChoice = o.toolChoice != null ? o.toolChoice : toolChoice;
                parallelToolCalls = o.parallelToolCalls != null ? o.parallelToolCalls : parallelToolCalls;
                reasoningEffort = o.reasoningEffort != null ? o.reasoningEffort : reasoningEffort;
                seed = o.seed != null ? o.seed : seed;
                user = o.user != null ? o.user : user;
                extraBody.putAll(o.extraBody);
            } else if (other instanceof StructuredOutputChatOptions.Builder<?>) {
                // another structured-output builder: read its schema through the options it builds
                ChatOptions built = other.build();
                if (built instanceof StructuredOutputChatOptions s && s.getOutputSchema() != null) {
                    outputSchema = s.getOutputSchema();
                }
            }
            return this;
        }

        @Override
        public Builder clone() {
            return build().mutate();
        }

        @Override
        public LlmuxChatOptions build() {
            if (temperature != null && (temperature < 0 || temperature > 2)) {
                throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
            }
            return new LlmuxChatOptions(model, frequencyPenalty, maxTokens, presencePenalty, stopSequences, temperature, topK, topP,
                    toolCallbacks, toolContext, this);
        }
    }
}
