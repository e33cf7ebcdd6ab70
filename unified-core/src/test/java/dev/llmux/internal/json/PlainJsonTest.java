package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmux.api.CacheControl;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

class PlainJsonTest {

    private static byte[] plain(Object value) {
        return Json.generate(g -> PlainJson.write(g, value));
    }

    @Test
    void should_write_a_schema_with_every_kind_of_value_as_data_binding_does() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("description", "a long description with \"quotes\", a \\ backslash and caf\u00e9");
        schema.put("required", List.of("from", "to"));
        schema.put("nothing", null);
        schema.put("empty map", Map.of());
        schema.put("empty list", List.of());
        schema.put("flags", Arrays.asList(true, false, null));
        schema.put("numbers", List.of(1, -7L, Long.MAX_VALUE, 0.1, 1e300, -0.0, Double.NaN, 2.5f, (short) 3, (byte) 4,
                new BigDecimal("1.50"), new BigDecimal("1E+3"), new BigInteger("123456789012345678901234567890")));
        schema.put("sorted", new TreeMap<>(Map.of("b", 2, "a", 1)));
        schema.put("hashed", new HashMap<>(Map.of("k1", "v1", "k2", List.of(Map.of("deep", true)))));
        schema.put("int keys", Map.of(1, "one")); // not a string key: data binding's own key serializer
        schema.put("record", new CacheControl("ephemeral", null));
        schema.put("set", new LinkedHashSet<>(List.of("x", "y")));
        schema.put("node", Json.tree("{\"a\":[1,{\"b\":null}]}"));
        schema.put("chars", new char[] {'h', 'i'});

        assertThat(new String(plain(schema))).isEqualTo(new String(Json.write(schema)));
    }

    @Test
    void should_agree_with_data_binding_on_random_nested_values() {
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            Object value = random(random, 0);
            assertThat(plain(value)).as("%s", value).isEqualTo(Json.write(value));
        }
    }

    /** A map class of the caller's own that serializes as something else. */
    static final class Labelled extends LinkedHashMap<String, Object> {
        @com.fasterxml.jackson.annotation.JsonValue
        String label() {
            return "labelled " + size();
        }
    }

    /** A list class of the caller's own that serializes as something else. */
    static final class Counted extends ArrayList<Object> {
        @com.fasterxml.jackson.annotation.JsonValue
        int count() {
            return size();
        }
    }

    @Test
    void should_leave_map_and_list_classes_of_the_callers_own_to_data_binding() {
        Labelled labelled = new Labelled();
        labelled.put("k", "v");
        Counted counted = new Counted();
        counted.add("x");
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("labelled", labelled);
        schema.put("counted", counted);

        assertThat(new String(plain(schema))).isEqualTo(new String(Json.write(schema))).isEqualTo("{\"labelled\":\"labelled 1\",\"counted\":1}");
    }

    @Test
    void should_fail_on_a_null_key_as_data_binding_does() {
        Map<String, Object> map = new HashMap<>();
        map.put(null, 1);
        assertThatThrownBy(() -> Json.write(map)).isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> plain(map)).isInstanceOf(JacksonException.class);
    }

    @Test
    void should_write_an_embedded_value_inside_a_tree_as_its_own_tree_would_be_written() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", Map.of("n", Map.of("type", "integer", "minimum", 0)));
        ObjectNode embedded = Json.object();
        embedded.set("json", Json.embed(schema));
        ObjectNode expanded = Json.object();
        expanded.set("json", Json.valueToTree(schema));

        assertThat(Json.write(embedded)).isEqualTo(Json.write(expanded));
        assertThat(Json.valueToTree(embedded)).isEqualTo(expanded);
    }

    private static Object random(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> "s" + random.nextInt(1000) + (random.nextBoolean() ? "\n\"\u00e9\u4e2d" : " plain text long enough to be copied whole");
            case 2 -> random.nextBoolean();
            case 3 -> random.nextInt();
            case 4 -> random.nextLong();
            case 5 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 6 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    map.put("k" + random.nextInt(100), random(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(random(random, depth + 1));
                }
                yield list;
            }
        };
    }
}
