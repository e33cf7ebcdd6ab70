package dev.llmux.gateway.admin;

import dev.llmux.gateway.http.GatewayException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Typed, validated reads of an admin request body. Unknown fields are refused rather than ignored, so a
 * LiteLLM option llmux does not implement fails loudly instead of silently doing nothing.
 */
final class Fields {

    private final JsonNode body;

    Fields(JsonNode body, Set<String> known) {
        this.body = body;
        List<String> unknown = new ArrayList<>();
        body.propertyNames().forEach(n -> {
            if (!known.contains(n)) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw GatewayException.badRequest("unsupported field(s) " + unknown + "; supported: " + new java.util.TreeSet<>(known),
                    unknown.get(0));
        }
    }

    boolean has(String f) {
        return body.has(f);
    }

    /** True when the field is present with an explicit JSON null (which clears a setting on update). */
    boolean isNull(String f) {
        return body.has(f) && body.get(f).isNull();
    }

    @Nullable String string(String f) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw bad(f, "a string");
        }
        if (v.asString().isBlank()) {
            throw GatewayException.badRequest("\"" + f + "\" must not be blank", f);
        }
        return v.asString();
    }

    @Nullable BigDecimal money(String f) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw bad(f, "a number");
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() < 0) {
            throw GatewayException.badRequest("\"" + f + "\" must not be negative, was " + d.toPlainString(), f);
        }
        return d;
    }

    @Nullable Long positiveLong(String f) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(f, "an integer");
        }
        long n = v.asLong();
        if (n < 1) {
            throw GatewayException.badRequest("\"" + f + "\" must be at least 1, was " + n, f);
        }
        return n;
    }

    @Nullable Integer positiveInt(String f) {
        Long n = positiveLong(f);
        if (n != null && n > Integer.MAX_VALUE) {
            throw GatewayException.badRequest("\"" + f + "\" is too large: " + n, f);
        }
        return n == null ? null : n.intValue();
    }

    boolean bool(String f, boolean dflt) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw bad(f, "true or false");
        }
        return v.asBoolean();
    }

    List<String> strings(String f) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw bad(f, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString() || e.asString().isBlank()) {
                throw bad(f, "an array of non-empty strings");
            }
            out.add(e.asString());
        }
        return out;
    }

    Map<String, String> stringMap(String f) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw bad(f, "an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isString()) {
                throw bad(f + "." + e.getKey(), "a string");
            }
            out.put(e.getKey(), e.getValue().asString());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(String f) {
        JsonNode v = body.get(f);
        if (v == null || v.isNull()) {
            return Map.of();
        }
        if (!v.isObject()) {
            throw bad(f, "an object");
        }
        return dev.llmux.internal.json.Json.MAPPER.convertValue(v, Map.class);
    }

    private static GatewayException bad(String f, String what) {
        return GatewayException.badRequest("\"" + f + "\" must be " + what, f);
    }
}
