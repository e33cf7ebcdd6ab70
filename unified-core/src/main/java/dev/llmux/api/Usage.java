package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Token usage with OpenAI's semantics, whatever the provider: {@code prompt_tokens} includes cached and
 * cache-written tokens, {@code completion_tokens} includes reasoning tokens.
 *
 * @param promptTokens every input token, cached or not
 * @param completionTokens every output token, reasoning included
 * @param totalTokens prompt plus completion
 * @param promptTokensDetails cached (read) and cache-write subsets of the prompt
 * @param completionTokensDetails the reasoning subset of the completion
 * @param cost the cost a provider reported itself (OpenRouter's {@code usage.cost}), in USD
 * @param extra other usage fields a provider sent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("total_tokens") int totalTokens,
        @JsonProperty("prompt_tokens_details") @Nullable PromptTokensDetails promptTokensDetails,
        @JsonProperty("completion_tokens_details") @Nullable CompletionTokensDetails completionTokensDetails,
        @Nullable BigDecimal cost,
        @JsonAnySetter @JsonIgnore Map<String, Object> extra) {

    public Usage {
        extra = extra == null ? Map.of() : extra.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, null, null, null, Map.of());
    }

    /**
     * Usage from counts in OpenAI's semantics.
     *
     * @param promptTokens all input tokens including cache reads and writes
     * @param completionTokens all output tokens including reasoning
     * @param cachedTokens cache reads, a subset of the prompt
     * @param cacheWriteTokens cache writes, a subset of the prompt
     * @param reasoningTokens a subset of the completion
     */
    public static Usage of(int promptTokens, int completionTokens, int cachedTokens, int cacheWriteTokens, int reasoningTokens) {
        PromptTokensDetails p = cachedTokens == 0 && cacheWriteTokens == 0
                ? null
                : new PromptTokensDetails(cachedTokens, cacheWriteTokens == 0 ? null : cacheWriteTokens, null);
        CompletionTokensDetails c = reasoningTokens == 0 ? null : new CompletionTokensDetails(reasoningTokens, null, null, null);
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, p, c, null, Map.of());
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    /** Cache-read tokens (a subset of {@link #promptTokens()}), zero when unknown. */
    @JsonIgnore
    public int cachedTokens() {
        return promptTokensDetails == null || promptTokensDetails.cachedTokens() == null ? 0 : promptTokensDetails.cachedTokens();
    }

    /** Cache-write tokens (a subset of {@link #promptTokens()}), zero when unknown. */
    @JsonIgnore
    public int cacheWriteTokens() {
        return promptTokensDetails == null || promptTokensDetails.cacheWriteTokens() == null
                ? 0
                : promptTokensDetails.cacheWriteTokens();
    }

    /** Reasoning tokens (a subset of {@link #completionTokens()}), zero when unknown. */
    @JsonIgnore
    public int reasoningTokens() {
        return completionTokensDetails == null || completionTokensDetails.reasoningTokens() == null
                ? 0
                : completionTokensDetails.reasoningTokens();
    }

    public Usage withCost(@Nullable BigDecimal cost) {
        return new Usage(promptTokens, completionTokens, totalTokens, promptTokensDetails, completionTokensDetails, cost, extra);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PromptTokensDetails(
            @JsonProperty("cached_tokens") @Nullable Integer cachedTokens,
            @JsonProperty("cache_write_tokens") @Nullable Integer cacheWriteTokens,
            @JsonProperty("audio_tokens") @Nullable Integer audioTokens) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompletionTokensDetails(
            @JsonProperty("reasoning_tokens") @Nullable Integer reasoningTokens,
            @JsonProperty("audio_tokens") @Nullable Integer audioTokens,
            @JsonProperty("accepted_prediction_tokens") @Nullable Integer acceptedPredictionTokens,
            @JsonProperty("rejected_prediction_tokens") @Nullable Integer rejectedPredictionTokens) {}
}
