package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A prompt-caching marker in LiteLLM's shape ({@code {"type":"ephemeral","ttl":"1h"}}), passed to providers
 * that cache explicitly (Anthropic {@code cache_control}, Bedrock {@code cachePoint}) and ignored by the rest.
 *
 * @param type the marker type, {@code "ephemeral"}
 * @param ttl optional time to live such as {@code "5m"} or {@code "1h"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CacheControl(String type, @Nullable String ttl) {

    public static CacheControl ephemeral() {
        return new CacheControl("ephemeral", null);
    }
}
