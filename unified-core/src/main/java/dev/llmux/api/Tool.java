package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A tool the model may call: {@code {"type":"function","function":{name, description, parameters, strict}}}.
 *
 * @param type {@code "function"}
 * @param function the declaration
 * @param cacheControl optional prompt-caching marker (Anthropic caches up to and including the tools)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tool(String type, Function function, @JsonProperty("cache_control") @Nullable CacheControl cacheControl) {

    public Tool {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(function, "function");
    }

    public static Tool function(String name, @Nullable String description, Map<String, Object> parameters) {
        return new Tool("function", new Function(name, description, parameters, null), null);
    }

    /**
     * @param name a-z, A-Z, 0-9, underscores and dashes, at most 64 characters
     * @param description what the function does
     * @param parameters a JSON Schema object
     * @param strict OpenAI structured-outputs strictness
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(
            String name, @Nullable String description, @Nullable Map<String, Object> parameters, @Nullable Boolean strict) {
        public Function {
            Objects.requireNonNull(name, "function name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("function name must not be blank");
            }
        }
    }
}
