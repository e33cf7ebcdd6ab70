package dev.llmux.provider.gemini.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns an OpenAI JSON Schema into the OpenAPI-3.0 subset Gemini's {@code Schema} accepts ({@code parameters} of a
 * function declaration, {@code responseSchema}).
 *
 * <p>Why not {@code parametersJsonSchema}: the subset works on every Gemini model and on Vertex, while plain JSON
 * Schema is only understood by newer models. What changes: local {@code $ref}s are inlined (depth-limited, a
 * recursive schema ends in a plain object), {@code type: [x, "null"]} becomes {@code type: X, nullable: true},
 * {@code const} becomes a one-value {@code enum}, types are upper-cased, and every keyword outside the subset
 * ({@code additionalProperties}, {@code $schema}, {@code strict}, {@code examples}, …) is dropped. Enum values
 * become strings, as Gemini's enum is a list of strings.
 */
public final class GeminiSchema {

    private static final Set<String> KEPT = Set.of(
            "type", "format", "title", "description", "nullable", "enum", "items", "maxItems", "minItems", "properties",
            "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf",
            "propertyOrdering", "default", "minimum", "maximum");
    private static final Set<String> FORMATS = Set.of("enum", "date-time", "int32", "int64", "float", "double");
    private static final int MAX_REF_DEPTH = 8;

    private GeminiSchema() {}

    /** The cleaned schema; {@code propertyOrdering} adds Gemini 1.5's required key order for response schemas. */
    public static Map<String, Object> clean(Map<String, Object> schema, boolean propertyOrdering) {
        Map<String, Object> defs = new LinkedHashMap<>();
        collectDefs(schema.get("$defs"), defs);
        collectDefs(schema.get("definitions"), defs);
        return cleanNode(schema, defs, propertyOrdering, 0);
    }

    /** True when the schema is an object without properties: Gemini rejects such {@code parameters}. */
    public static boolean isEmptyObject(@Nullable Map<String, Object> schema) {
        if (schema == null || schema.isEmpty()) {
            return true;
        }
        Object props = schema.get("properties");
        return "object".equals(String.valueOf(schema.get("type")).toLowerCase(Locale.ROOT))
                && (props == null || props instanceof Map<?, ?> m && m.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static void collectDefs(@Nullable Object defs, Map<String, Object> into) {
        if (defs instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach(into::put);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cleanNode(Map<String, Object> node, Map<String, Object> defs, boolean ordering, int depth) {
        Object ref = node.get("$ref");
        if (ref instanceof String r) {
            String name = r.substring(r.lastIndexOf('/') + 1);
            Object target = defs.get(name);
            if (target instanceof Map<?, ?> t && depth < MAX_REF_DEPTH) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) t);
                node.forEach((k, v) -> {
                    if (!"$ref".equals(k)) {
                        merged.put(k, v);
                    }
                });
                return cleanNode(merged, defs, ordering, depth + 1);
            }
            return Map.of("type", "OBJECT");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "type" -> putType(out, value);
                case "const" -> out.put("enum", List.of(String.valueOf(value)));
                case "enum" -> out.put("enum", value instanceof List<?> l ? l.stream().map(String::valueOf).toList() : value);
                case "format" -> {
                    if (value instanceof String f && FORMATS.contains(f)) {
                        out.put("format", f);
                    }
                }
                case "properties" -> {
                    if (value instanceof Map<?, ?> props) {
                        Map<String, Object> cleaned = new LinkedHashMap<>();
                        ((Map<String, Object>) props).forEach((name, sub) ->
                                cleaned.put(name, sub instanceof Map<?, ?> s ? cleanNode((Map<String, Object>) s, defs, ordering, depth) : sub));
                        out.put("properties", cleaned);
                        if (ordering && !node.containsKey("propertyOrdering") && !cleaned.isEmpty()) {
                            out.put("propertyOrdering", new ArrayList<>(cleaned.keySet()));
                        }
                    }
                }
                case "items" -> out.put("items", value instanceof Map<?, ?> s ? cleanNode((Map<String, Object>) s, defs, ordering, depth) : value);
                case "anyOf", "oneOf" -> anyOf(out, value, defs, ordering, depth);
                default -> {
                    if (KEPT.contains(key)) {
                        out.put(key, value);
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void anyOf(Map<String, Object> out, Object value, Map<String, Object> defs, boolean ordering, int depth) {
        if (!(value instanceof List<?> list)) {
            return;
        }
        List<Map<String, Object>> variants = new ArrayList<>();
        boolean nullable = false;
        for (Object v : list) {
            if (v instanceof Map<?, ?> m) {
                if ("null".equals(m.get("type"))) {
                    nullable = true;
                } else {
                    variants.add(cleanNode((Map<String, Object>) m, defs, ordering, depth));
                }
            }
        }
        if (nullable) {
            out.put("nullable", true);
        }
        if (variants.size() == 1) {
            // {"anyOf":[X, {"type":"null"}]} is how Pydantic writes Optional[X]: Gemini wants X with nullable.
            variants.get(0).forEach(out::putIfAbsent);
        } else if (!variants.isEmpty()) {
            out.put("anyOf", variants);
        }
    }

    private static void putType(Map<String, Object> out, Object value) {
        if (value instanceof String t) {
            out.put("type", t.toUpperCase(Locale.ROOT));
        } else if (value instanceof List<?> types) {
            String chosen = null;
            for (Object t : types) {
                if ("null".equals(t)) {
                    out.put("nullable", true);
                } else if (chosen == null) {
                    chosen = String.valueOf(t);
                }
            }
            if (chosen != null) {
                out.put("type", chosen.toUpperCase(Locale.ROOT));
            }
        }
    }
}
