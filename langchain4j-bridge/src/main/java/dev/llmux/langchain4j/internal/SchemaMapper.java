package dev.llmux.langchain4j.internal;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.llmux.internal.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** LangChain4j's JSON-schema elements as plain JSON Schema maps, the shape llmux's tools and response formats take. */
public final class SchemaMapper {

    private SchemaMapper() {}

    /**
     * @param strict OpenAI's strict mode wants {@code additionalProperties:false} on every object and every property
     *     required; applied when the schema says nothing itself
     */
    public static Map<String, Object> toMap(JsonSchemaElement element, boolean strict) {
        if (element instanceof JsonRawSchema raw) {
            return Json.toMap(Json.tree(raw.schema()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (element instanceof JsonObjectSchema o) {
            out.put("type", "object");
            putDescription(out, o.description());
            Map<String, Object> props = new LinkedHashMap<>();
            if (o.properties() != null) {
                o.properties().forEach((name, p) -> props.put(name, toMap(p, strict)));
            }
            out.put("properties", props);
            // OpenAI's strict mode wants every property listed as required (optional ones are made nullable instead)
            List<String> required = strict ? new ArrayList<>(props.keySet()) : o.required();
            if (required != null && !required.isEmpty()) {
                out.put("required", required);
            }
            Boolean additional = o.additionalProperties() != null ? o.additionalProperties() : strict ? Boolean.FALSE : null;
            if (additional != null) {
                out.put("additionalProperties", additional);
            }
            if (o.definitions() != null && !o.definitions().isEmpty()) {
                Map<String, Object> defs = new LinkedHashMap<>();
                o.definitions().forEach((name, d) -> defs.put(name, toMap(d, strict)));
                out.put("$defs", defs);
            }
        } else if (element instanceof JsonStringSchema s) {
            out.put("type", "string");
            putDescription(out, s.description());
        } else if (element instanceof JsonIntegerSchema i) {
            out.put("type", "integer");
            putDescription(out, i.description());
        } else if (element instanceof JsonNumberSchema n) {
            out.put("type", "number");
            putDescription(out, n.description());
        } else if (element instanceof JsonBooleanSchema b) {
            out.put("type", "boolean");
            putDescription(out, b.description());
        } else if (element instanceof JsonNullSchema) {
            out.put("type", "null");
        } else if (element instanceof JsonEnumSchema e) {
            out.put("type", "string");
            putDescription(out, e.description());
            out.put("enum", e.enumValues());
        } else if (element instanceof JsonArraySchema a) {
            out.put("type", "array");
            putDescription(out, a.description());
            if (a.items() != null) {
                out.put("items", toMap(a.items(), strict));
            }
        } else if (element instanceof JsonAnyOfSchema any) {
            putDescription(out, any.description());
            List<Object> options = new ArrayList<>();
            any.anyOf().forEach(opt -> options.add(toMap(opt, strict)));
            out.put("anyOf", options);
        } else if (element instanceof JsonReferenceSchema ref) {
            out.put("$ref", "#/$defs/" + ref.reference());
        } else {
            throw new IllegalArgumentException("unsupported LangChain4j schema element " + element.getClass().getName());
        }
        return out;
    }

    private static void putDescription(Map<String, Object> out, @Nullable String description) {
        if (description != null) {
            out.put("description", description);
        }
    }
}
