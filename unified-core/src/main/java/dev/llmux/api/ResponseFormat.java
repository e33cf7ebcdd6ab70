package dev.llmux.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code response_format}: {@code text}, {@code json_object}, or {@code json_schema} with a named schema.
 *
 * @param type the wire type
 * @param jsonSchema the schema, for {@code json_schema}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseFormat(String type, @JsonProperty("json_schema") @Nullable JsonSchema jsonSchema) {

    public static final ResponseFormat TEXT = new ResponseFormat("text", null);
    public static final ResponseFormat JSON_OBJECT = new ResponseFormat("json_object", null);

    public ResponseFormat {
        Objects.requireNonNull(type, "type");
        if ("json_schema".equals(type) && jsonSchema == null) {
            throw new IllegalArgumentException("response_format json_schema needs a json_schema");
        }
    }

    public static ResponseFormat jsonSchema(String name, Map<String, Object> schema, boolean strict) {
        return new ResponseFormat("json_schema", new JsonSchema(name, null, schema, strict));
    }

    @JsonIgnore
    public boolean isJsonSchema() {
        return "json_schema".equals(type);
    }

    @JsonIgnore
    public boolean isJsonObject() {
        return "json_object".equals(type);
    }

    /**
     * @param name a-z, A-Z, 0-9, underscores and dashes, at most 64 characters
     * @param description what the output is for
     * @param schema the JSON Schema
     * @param strict OpenAI's strict mode
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(String name, @Nullable String description, @Nullable Map<String, Object> schema, @Nullable Boolean strict) {
        public JsonSchema {
            Objects.requireNonNull(name, "json_schema name");
        }
    }
}
