package dev.llmux.config.internal;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A YAML value with the line it came from, so config errors can point at it. Scalars keep their source text
 * (a price such as {@code 0.0000025} stays exact); anchors and aliases are expanded.
 *
 * @param kind what the value is
 * @param value a {@code Map<String, YamlNode>}, a {@code List<YamlNode>}, the scalar's text, or null
 * @param line the 1-based line of the value (for a map entry, of its key)
 */
public record YamlNode(Kind kind, @Nullable Object value, int line) {

    public enum Kind { MAP, LIST, STRING, NUMBER, BOOLEAN, NULL }

    private static final YAMLMapper MAPPER = YAMLMapper.builder(new YAMLAnchorReplayingFactory()).build();

    /** Thrown for YAML that does not parse; {@link #line} says where. */
    public static final class SyntaxError extends RuntimeException {
        public final int line;

        SyntaxError(String message, int line, Throwable cause) {
            super(message, cause);
            this.line = line;
        }
    }

    public static YamlNode parse(Reader yaml) {
        try (JsonParser p = MAPPER.createParser(yaml)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode(Kind.NULL, null, 1);
            }
            return read(p, t, line(p));
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new SyntaxError(e.getOriginalMessage(), line, e);
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static YamlNode read(JsonParser p, JsonToken t, int line) {
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    JsonToken v = p.nextToken();
                    map.put(key, read(p, v, keyLine));
                }
                return new YamlNode(Kind.MAP, Collections.unmodifiableMap(map), line);
            }
            case START_ARRAY -> {
                List<YamlNode> list = new ArrayList<>();
                JsonToken v;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(read(p, v, line(p)));
                }
                return new YamlNode(Kind.LIST, Collections.unmodifiableList(list), line);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YamlNode(Kind.NUMBER, p.getString(), line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode(Kind.BOOLEAN, p.getString(), line);
            }
            case VALUE_NULL -> {
                return new YamlNode(Kind.NULL, null, line);
            }
            default -> {
                return new YamlNode(Kind.STRING, p.getString(), line);
            }
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, YamlNode> map() {
        return (Map<String, YamlNode>) value;
    }

    @SuppressWarnings("unchecked")
    public List<YamlNode> list() {
        return (List<YamlNode>) value;
    }

    public @Nullable String text() {
        return kind == Kind.MAP || kind == Kind.LIST ? null : (String) value;
    }

    public boolean isScalar() {
        return kind != Kind.MAP && kind != Kind.LIST;
    }

    /** As plain Java values (maps, lists, strings, numbers, booleans), for raw sections such as general_settings. */
    public @Nullable Object plain() {
        return switch (kind) {
            case MAP -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map().forEach((k, v) -> out.put(k, v.plain()));
                yield Collections.unmodifiableMap(out);
            }
            case LIST -> list().stream().map(YamlNode::plain).toList();
            case NUMBER -> {
                String s = (String) value;
                try {
                    yield Long.parseLong(s);
                } catch (NumberFormatException e) {
                    yield new java.math.BigDecimal(s);
                }
            }
            case BOOLEAN -> Boolean.parseBoolean((String) value);
            case STRING -> value;
            case NULL -> null;
        };
    }
}
