package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * {@code stream_options}.
 *
 * @param includeUsage ask for a final chunk with empty {@code choices} and the full usage
 * @param includeObfuscation OpenAI's padding field switch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(
        @JsonProperty("include_usage") @Nullable Boolean includeUsage,
        @JsonProperty("include_obfuscation") @Nullable Boolean includeObfuscation) {

    public static StreamOptions withUsage() {
        return new StreamOptions(true, null);
    }
}
