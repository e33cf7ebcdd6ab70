package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.llmux.internal.json.StringOrListDeserializer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * An OpenAI Chat Completions request body. Build one with {@link #builder()}; a parsed request keeps fields it
 * does not know in {@link #extra()} (provider-specific knobs such as {@code top_k} or {@code thinking}), which
 * providers forward only deliberately.
 *
 * <p>{@code model} is {@code provider/model} (for example {@code anthropic/claude-sonnet-4-5}), a bare catalog
 * name ({@code gpt-4o}), or a router alias.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "messages"})
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        @Nullable List<Tool> tools,
        @JsonProperty("tool_choice") @Nullable ToolChoice toolChoice,
        @JsonProperty("parallel_tool_calls") @Nullable Boolean parallelToolCalls,
        @JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
        @Nullable Double temperature,
        @JsonProperty("top_p") @Nullable Double topP,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens,
        @JsonProperty("max_completion_tokens") @Nullable Integer maxCompletionTokens,
        @JsonDeserialize(using = StringOrListDeserializer.class) @Nullable List<String> stop,
        @Nullable Integer n,
        @Nullable Long seed,
        @JsonProperty("presence_penalty") @Nullable Double presencePenalty,
        @JsonProperty("frequency_penalty") @Nullable Double frequencyPenalty,
        @JsonProperty("logit_bias") @Nullable Map<String, Integer> logitBias,
        @Nullable Boolean logprobs,
        @JsonProperty("top_logprobs") @Nullable Integer topLogprobs,
        @Nullable String user,
        @Nullable Map<String, String> metadata,
        @JsonProperty("reasoning_effort") @Nullable String reasoningEffort,
        @Nullable Boolean stream,
        @JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
        @JsonAnySetter @JsonIgnore Map<String, Object> extra) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        Objects.requireNonNull(messages, "messages");
        messages = List.copyOf(messages);
        tools = tools == null ? null : List.copyOf(tools);
        stop = stop == null ? null : List.copyOf(stop);
        logitBias = logitBias == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(logitBias));
        metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        requireRange("temperature", temperature, 0, 2);
        requireRange("top_p", topP, 0, 1);
        requireRange("presence_penalty", presencePenalty, -2, 2);
        requireRange("frequency_penalty", frequencyPenalty, -2, 2);
        requirePositive("max_tokens", maxTokens);
        requirePositive("max_completion_tokens", maxCompletionTokens);
        requirePositive("n", n);
        if (topLogprobs != null && (topLogprobs < 0 || topLogprobs > 20)) {
            throw new IllegalArgumentException("top_logprobs must be between 0 and 20, was " + topLogprobs);
        }
    }

    private static void requireRange(String name, @Nullable Double value, double min, double max) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void requirePositive(String name, @Nullable Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }

    /** Fields not in OpenAI's schema that arrived with the request, in arrival order. */
    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    /** True when the caller asked for a stream. */
    @JsonIgnore
    public boolean isStream() {
        return Boolean.TRUE.equals(stream);
    }

    /** {@code max_completion_tokens}, else {@code max_tokens}, else null. */
    @JsonIgnore
    public @Nullable Integer maxOutputTokens() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    /** The tools, never null. */
    @JsonIgnore
    public List<Tool> toolsOrEmpty() {
        return tools == null ? List.of() : tools;
    }

    /**
     * The wire names of the optional OpenAI parameters this request sets (everything but {@code model},
     * {@code messages} and {@link #extra()}), for checking them against what a provider supports.
     */
    @JsonIgnore
    public Set<String> setParams() {
        return setParamsOutside(Set.of());
    }

    /** Wire names of the standard parameters, in the order {@link #values} lists them. */
    private static final String[] PARAMS = {"tools", "tool_choice", "parallel_tool_calls", "response_format", "temperature",
            "top_p", "max_tokens", "max_completion_tokens", "stop", "n", "seed", "presence_penalty", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "user", "metadata", "reasoning_effort", "stream_options"};

    private Object[] values() {
        return new Object[] {tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP, maxTokens,
                maxCompletionTokens, stop, n, seed, presencePenalty, frequencyPenalty, logitBias, logprobs, topLogprobs, user,
                metadata, reasoningEffort, streamOptions};
    }

    /**
     * The standard parameters set on this request that are not in {@code allowed} (wire names, in
     * {@link #setParams()} order): what a provider would reject. The empty set, allocated once, when there are none.
     */
    @JsonIgnore
    public Set<String> setParamsOutside(Set<String> allowed) {
        Set<String> out = Set.of();
        Object[] values = values();
        for (int i = 0; i < PARAMS.length; i++) {
            if (values[i] != null && !allowed.contains(PARAMS[i])) {
                if (out.isEmpty()) {
                    out = new LinkedHashSet<>();
                }
                out.add(PARAMS[i]);
            }
        }
        return out;
    }

    /** A copy without the named OpenAI parameters (wire names, as from {@link #setParams()}) or extra fields. */
    public ChatRequest withoutParams(Set<String> names) {
        Builder b = toBuilder();
        for (String name : names) {
            switch (name) {
                case "tools" -> b.tools(null);
                case "tool_choice" -> b.toolChoice(null);
                case "parallel_tool_calls" -> b.parallelToolCalls(null);
                case "response_format" -> b.responseFormat(null);
                case "temperature" -> b.temperature(null);
                case "top_p" -> b.topP(null);
                case "max_tokens" -> b.maxTokens(null);
                case "max_completion_tokens" -> b.maxCompletionTokens(null);
                case "stop" -> b.stop(null);
                case "n" -> b.n(null);
                case "seed" -> b.seed(null);
                case "presence_penalty" -> b.presencePenalty(null);
                case "frequency_penalty" -> b.frequencyPenalty(null);
                case "logit_bias" -> b.logitBias(null);
                case "logprobs" -> b.logprobs(null);
                case "top_logprobs" -> b.topLogprobs(null);
                case "user" -> b.user(null);
                case "metadata" -> b.metadata(null);
                case "reasoning_effort" -> b.reasoningEffort(null);
                case "stream_options" -> b.streamOptions(null);
                default -> b.extra.remove(name);
            }
        }
        return b.build();
    }

    public ChatRequest withModel(String model) {
        return with(model, messages);
    }

    public ChatRequest withMessages(List<ChatMessage> messages) {
        return with(model, messages);
    }

    /**
     * This request with another model or messages, checked as {@link Builder#build()} checks them (a request read
     * from JSON may have no messages). Made directly rather than through {@link #toBuilder()}: every call passes
     * through {@link #withModel} at least once, and the builder would copy the messages and the extras twice each.
     */
    private ChatRequest with(@Nullable String model, List<ChatMessage> messages) {
        requireModelAndMessages(model, messages);
        return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP,
                maxTokens, maxCompletionTokens, stop, n, seed, presencePenalty, frequencyPenalty, logitBias, logprobs,
                topLogprobs, user, metadata, reasoningEffort, stream, streamOptions, extra);
    }

    /** What every built request has: a model and at least one message. */
    private static void requireModelAndMessages(@Nullable String model, List<? extends ChatMessage> messages) {
        if (model == null) {
            throw new IllegalStateException("model is required");
        }
        if (messages.isEmpty()) {
            throw new IllegalStateException("messages must not be empty");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.messages = new ArrayList<>(messages);
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.parallelToolCalls = parallelToolCalls;
        b.responseFormat = responseFormat;
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.maxCompletionTokens = maxCompletionTokens;
        b.stop = stop;
        b.n = n;
        b.seed = seed;
        b.presencePenalty = presencePenalty;
        b.frequencyPenalty = frequencyPenalty;
        b.logitBias = logitBias;
        b.logprobs = logprobs;
        b.topLogprobs = topLogprobs;
        b.user = user;
        b.metadata = metadata;
        b.reasoningEffort = reasoningEffort;
        b.stream = stream;
        b.streamOptions = streamOptions;
        b.extra = new LinkedHashMap<>(extra);
        return b;
    }

    /** Builds a {@link ChatRequest}; {@link #build()} validates ranges and names the bad value. */
    public static final class Builder {
        private @Nullable String model;
        private List<ChatMessage> messages = new ArrayList<>();
        private @Nullable List<Tool> tools;
        private @Nullable ToolChoice toolChoice;
        private @Nullable Boolean parallelToolCalls;
        private @Nullable ResponseFormat responseFormat;
        private @Nullable Double temperature;
        private @Nullable Double topP;
        private @Nullable Integer maxTokens;
        private @Nullable Integer maxCompletionTokens;
        private @Nullable List<String> stop;
        private @Nullable Integer n;
        private @Nullable Long seed;
        private @Nullable Double presencePenalty;
        private @Nullable Double frequencyPenalty;
        private @Nullable Map<String, Integer> logitBias;
        private @Nullable Boolean logprobs;
        private @Nullable Integer topLogprobs;
        private @Nullable String user;
        private @Nullable Map<String, String> metadata;
        private @Nullable String reasoningEffort;
        private @Nullable Boolean stream;
        private @Nullable StreamOptions streamOptions;
        private Map<String, Object> extra = new LinkedHashMap<>();

        private Builder() {}

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder messages(List<? extends ChatMessage> messages) {
            this.messages = new ArrayList<>(messages);
            return this;
        }

        public Builder message(ChatMessage message) {
            this.messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        public Builder addSystem(String text) {
            return message(ChatMessage.system(text));
        }

        public Builder addUser(String text) {
            return message(ChatMessage.user(text));
        }

        public Builder tools(@Nullable List<Tool> tools) {
            this.tools = tools;
            return this;
        }

        public Builder tool(Tool tool) {
            List<Tool> list = tools == null ? new ArrayList<>() : new ArrayList<>(tools);
            list.add(tool);
            this.tools = list;
            return this;
        }

        public Builder toolChoice(@Nullable ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
            this.parallelToolCalls = parallelToolCalls;
            return this;
        }

        public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
            this.responseFormat = responseFormat;
            return this;
        }

        public Builder temperature(@Nullable Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(@Nullable Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder maxTokens(@Nullable Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
            this.maxCompletionTokens = maxCompletionTokens;
            return this;
        }

        public Builder stop(@Nullable List<String> stop) {
            this.stop = stop;
            return this;
        }

        public Builder n(@Nullable Integer n) {
            this.n = n;
            return this;
        }

        public Builder seed(@Nullable Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder presencePenalty(@Nullable Double presencePenalty) {
            this.presencePenalty = presencePenalty;
            return this;
        }

        public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
            this.frequencyPenalty = frequencyPenalty;
            return this;
        }

        public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
            this.logitBias = logitBias;
            return this;
        }

        public Builder logprobs(@Nullable Boolean logprobs) {
            this.logprobs = logprobs;
            return this;
        }

        public Builder topLogprobs(@Nullable Integer topLogprobs) {
            this.topLogprobs = topLogprobs;
            return this;
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        public Builder metadata(@Nullable Map<String, String> metadata) {
            this.metadata = metadata;
            return this;
        }

        public Builder reasoningEffort(@Nullable String reasoningEffort) {
            this.reasoningEffort = reasoningEffort;
            return this;
        }

        public Builder stream(@Nullable Boolean stream) {
            this.stream = stream;
            return this;
        }

        public Builder streamOptions(@Nullable StreamOptions streamOptions) {
            this.streamOptions = streamOptions;
            return this;
        }

        /** Sets a field outside OpenAI's schema (for example {@code top_k}); null removes it. */
        public Builder extra(String name, @Nullable Object value) {
            if (value == null) {
                extra.remove(name);
            } else {
                extra.put(name, value);
            }
            return this;
        }

        public Builder extra(Map<String, Object> extra) {
            this.extra = new LinkedHashMap<>(extra);
            return this;
        }

        public ChatRequest build() {
            requireModelAndMessages(model, messages);
            return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, temperature, topP,
                    maxTokens, maxCompletionTokens, stop, n, seed, presencePenalty, frequencyPenalty, logitBias, logprobs,
                    topLogprobs, user, metadata, reasoningEffort, stream, streamOptions, extra);
        }
    }
}
