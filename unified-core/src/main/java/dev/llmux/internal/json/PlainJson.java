package dev.llmux.internal.json;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Writes a value made of what parsed JSON is made of (maps with string keys, lists, strings, booleans, ints, longs,
 * doubles, null) the way data binding writes it, without looking up a serializer for every entry: a tool's JSON
 * schema is such a value, and data binding's map serializer was the costliest part of writing the tools of a
 * request. Anything else inside it (a record, a {@code JsonNode}, a map with other keys, a map or list class of the
 * caller's own, a {@code BigDecimal}) goes to data binding where it stands. {@code PlainJsonTest} holds the two to
 * the same bytes.
 */
public final class PlainJson {

    private PlainJson() {}

    public static void write(JsonGenerator g, @Nullable Object value) {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Map<?, ?> map && isJdk(map) && stringKeys(map)) {
            g.writeStartObject(map, map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list && isJdk(list)) {
            g.writeStartArray(list, list.size());
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i);
        } else if (value instanceof Long l) {
            g.writeNumber(l);
        } else if (value instanceof Double d) {
            g.writeNumber(d);
        } else {
            Json.writeNested(g, value);
        }
    }

    /** A JDK collection: a subclass of one may carry its own serialization ({@code @JsonValue}, a serializer). */
    private static boolean isJdk(Object collection) {
        return collection.getClass().getName().startsWith("java.util.");
    }

    private static boolean stringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
