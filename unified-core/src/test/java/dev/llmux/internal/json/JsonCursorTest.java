package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;

class JsonCursorTest {

    private static JsonCursor cursor(String json) {
        return cursor(json.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonCursor cursor(byte[] json) {
        return new JsonCursor().reset(json, 0, json.length);
    }

    /** Whether the cursor takes the bytes as one JSON value and nothing after it. */
    private static boolean cursorAccepts(byte[] json) {
        JsonCursor c = cursor(json);
        try {
            c.skipValue();
            return c.atEnd();
        } catch (JsonCursor.Mismatch e) {
            return false;
        }
    }

    private static boolean jacksonAccepts(byte[] json) {
        try {
            Json.MAPPER.readTree(json);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", " { } ", "\t[\r\n]\n", "0", "-0", "12", "-12.5e+3", "1E-2", "0.25", "true", "false", "null", "\"\"",
        "{\"a\":[1,2,{\"b\":null}],\"c\":\"d\",\"e\":{\"f\":[true,false]}}",
        "\"\\u00e9\\n\\t\\\\\\\"\\/\\b\\f\\r\"", "\"é€😀\"", "{\"é\":1}", "[\"\\ud83d\\ude00\", \"\\uD83D\"]",
        "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]",
    })
    void should_accept_json_that_jackson_accepts(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(jacksonAccepts(bytes)).as("jackson").isTrue();
        assertThat(cursorAccepts(bytes)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "01", "-", "1.", ".5", "1e", "+1", "1.e3",
        "tru", "nul", "True", "NaN", "Infinity", "\"abc", "\"a\\x\"", "\"\\u12g4\"", "\"\\u12\"", "\"tab\there\"",
        "\"line\nbreak\"", "[1 2]", "{\"a\":1}}", "[1]]", "// c\n1", "/* c */ 1", "1 2", "{\"a\":1} x", "\"a\\\"",
    })
    void should_refuse_what_is_not_json(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        assertThat(cursorAccepts(bytes)).isFalse();
    }

    @Test
    void should_refuse_numbers_longer_than_jackson_takes() {
        byte[] longest = ("[1" + "0".repeat(999) + "]").getBytes(StandardCharsets.US_ASCII);
        byte[] tooLong = ("[1" + "0".repeat(1000) + "]").getBytes(StandardCharsets.US_ASCII);

        assertThat(jacksonAccepts(longest)).isTrue();
        assertThat(cursorAccepts(longest)).isTrue();
        assertThat(jacksonAccepts(tooLong)).isFalse();
        assertThat(cursorAccepts(tooLong)).isFalse();
    }

    @Test
    void should_refuse_names_longer_than_jackson_takes_whether_read_or_skipped() {
        int max = Json.MAPPER.tokenStreamFactory().streamReadConstraints().getMaxNameLength();
        String longest = "a".repeat(max);
        String tooLong = "a".repeat(max + 1);
        for (String name : new String[] {longest, tooLong}) {
            byte[] doc = ("{\"" + name + "\":1}").getBytes(StandardCharsets.US_ASCII);
            JsonCursor c = cursor(doc);
            c.expect('{');
            boolean named;
            try {
                c.name(JsonNames.of("id"));
                named = true;
            } catch (JsonCursor.Mismatch e) {
                named = false;
            }

            assertThat(cursorAccepts(doc)).as("skipped, %d", name.length()).isEqualTo(jacksonAccepts(doc));
            assertThat(named).as("read, %d", name.length()).isEqualTo(jacksonAccepts(doc));
        }
        assertThat(jacksonAccepts(("{\"" + tooLong + "\":1}").getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void should_refuse_malformed_utf8_inside_and_outside_strings() {
        byte[][] bad = {
            {'"', (byte) 0xc0, (byte) 0xaf, '"'}, {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}, {'"', (byte) 0xff, '"'},
            {'"', '\\', 'n', (byte) 0xe2, (byte) 0x82, '"'}, {'[', (byte) 0xc3, (byte) 0xa9, ']'}, {'{', '"', (byte) 0xc3, '"', ':', '1', '}'},
        };
        for (byte[] b : bad) {
            assertThat(cursorAccepts(b)).as(new String(b, StandardCharsets.ISO_8859_1)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain", "", "é and € and 😀", "quote \\\" backslash \\\\ slash \\/", "\\b\\f\\n\\r\\t", "\\u0000\\u001f\\u00e9\\u20AC",
        "pair \\ud83d\\ude00 lone \\ud83d end", "mixed é \\n 😀 \\u0041",
    })
    void should_decode_strings_as_jackson_does(String inner) {
        String json = "\"" + inner + "\"";

        assertThat(cursor(json).string()).isEqualTo(Json.MAPPER.readTree(json).asString());
    }

    @Test
    void should_decode_random_strings_written_by_jackson_back_to_themselves() {
        Random random = new Random(7);
        int[] pool = {'a', 'Z', ' ', '"', '\\', '/', '\n', '\t', 0x01, 0x1f, 0x7f, 0xe9, 0x7ff, 0x800, 0x20ac, 0xffff, 0x1f600, 0x10ffff};
        for (int round = 0; round < 2000; round++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                s.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String json = Json.MAPPER.writeValueAsString(s.toString());

            assertThat(cursor(json).string()).as(json).isEqualTo(s.toString());
        }
    }

    @Test
    void should_never_accept_a_mangled_document_jackson_refuses() {
        byte[] seed = ("{\"id\":\"x-1\",\"n\":[0,-1.5e3,true,false,null],\"s\":\"é\\n\\u00e9😀\",\"o\":{\"k\":{}},\"a\":[]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]:,\"\\ 0123456789-+.eEtrufalsn/u".getBytes(StandardCharsets.US_ASCII);
        Random random = new Random(11);
        int accepted = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] doc = seed.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                doc = mutate(doc, random, alphabet);
            }
            if (cursorAccepts(doc)) {
                accepted++;
                assertThat(jacksonAccepts(doc)).as(new String(doc, StandardCharsets.UTF_8)).isTrue();
            }
        }
        assertThat(accepted).as("some mutations are still JSON").isGreaterThan(100);
    }

    private static byte[] mutate(byte[] doc, Random random, byte[] alphabet) {
        int at = random.nextInt(doc.length + 1);
        byte b = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
        return switch (random.nextInt(3)) {
            case 0 -> { // delete
                if (doc.length == 0 || at == doc.length) {
                    yield doc;
                }
                byte[] out = new byte[doc.length - 1];
                System.arraycopy(doc, 0, out, 0, at);
                System.arraycopy(doc, at + 1, out, at, doc.length - at - 1);
                yield out;
            }
            case 1 -> { // insert
                byte[] out = new byte[doc.length + 1];
                System.arraycopy(doc, 0, out, 0, at);
                out[at] = b;
                System.arraycopy(doc, at, out, at + 1, doc.length - at);
                yield out;
            }
            default -> { // replace
                if (at == doc.length) {
                    yield doc;
                }
                byte[] out = doc.clone();
                out[at] = b;
                yield out;
            }
        };
    }

    @Test
    void should_read_integers_that_fit_and_leave_the_rest_to_the_general_path() {
        assertThat(cursor("0").integer()).isZero();
        assertThat(cursor("-0").integer()).isZero();
        assertThat(cursor(" 1764000000").integer()).isEqualTo(1_764_000_000L);
        assertThat(cursor("-999999999999999999").integer()).isEqualTo(-999_999_999_999_999_999L);
        assertThat(cursor("2147483647").intValue()).isEqualTo(Integer.MAX_VALUE);
        for (String notOne : new String[] {"1234567890123456789", "01", "1.0", "1e3", "-", "\"1\"", "null", "2147483648"}) {
            assertThatThrownBy(() -> cursor(notOne).intValue()).as(notOne).isInstanceOf(JsonCursor.Mismatch.class);
        }
    }

    @Test
    void should_hand_back_known_names_and_repeated_values_as_the_same_instances() {
        JsonNames known = JsonNames.of("id", "model");
        JsonCursor.Last last = new JsonCursor.Last();
        JsonCursor c = cursor("[{\"model\":\"gpt-4o\",\"other\":\"gpt-4p\"},\"gpt-4o\",\"gpt-4o\",\"gpt-4p\",\"gpt-4p\",\"\\u0067\",\"g\"]");
        c.expect('[');
        c.expect('{');

        String model = c.name(known);
        String first = c.string(last);
        c.expect(',');
        String other = c.name(known);
        String changed = c.string(last);
        c.expect('}');
        c.expect(',');
        String back = c.string(last);
        c.expect(',');
        String again = c.string(last);
        c.expect(',');
        String fresh = c.string(last);
        c.expect(',');
        String freshAgain = c.string(last);
        c.expect(',');
        String escaped = c.string(last);
        c.expect(',');
        String plain = c.string(last);
        c.expect(']');

        assertThat(model).isSameAs("model"); // the table's own (interned) string
        assertThat(other).isEqualTo("other");
        assertThat(List.of(first, changed, back, again, fresh, freshAgain, escaped, plain))
                .containsExactly("gpt-4o", "gpt-4p", "gpt-4o", "gpt-4o", "gpt-4p", "gpt-4p", "g", "g");
        assertThat(again).isSameAs(back);
        assertThat(freshAgain).isSameAs(fresh);
        assertThat(c.atEnd()).isTrue();
    }

    @Test
    void should_refuse_names_it_cannot_match_by_bytes() {
        assertThatThrownBy(() -> JsonNames.of("id", "")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("''");
        assertThatThrownBy(() -> JsonNames.of("naïve")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("naïve");
        assertThatThrownBy(() -> JsonNames.of("id", "model", "id")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'id'");
    }

    @Test
    void should_read_only_its_range_of_a_larger_array() {
        byte[] around = "xx[1,\"a\"]yy".getBytes(StandardCharsets.US_ASCII);

        assertThat(cursorAcceptsRange(around, 2, 7)).isTrue();
        assertThat(cursorAcceptsRange(around, 2, 6)).isFalse();
        assertThat(cursorAcceptsRange(around, 2, 8)).isFalse();
    }

    @Test
    void should_skip_bytes_read_before_only_when_exactly_they_come_next_and_within_its_range() {
        byte[] first = "{\"id\":\"a\",\"n\":1,\"rest\":2}".getBytes(StandardCharsets.US_ASCII);
        JsonCursor c = new JsonCursor().reset(first, 0, first.length);
        c.expect('{');
        int start = c.position();
        c.name(JsonNames.of("id"));
        c.string();
        c.expect(',');
        c.name(JsonNames.of("n"));
        byte[] seen = c.copySince(start);
        assertThat(new String(seen, StandardCharsets.US_ASCII)).isEqualTo("\"id\":\"a\",\"n\":");

        byte[] same = " {  \"id\":\"a\",\"n\":3}".getBytes(StandardCharsets.US_ASCII);
        JsonCursor d = new JsonCursor().reset(same, 0, same.length);
        d.expect('{');
        assertThat(d.consumeExactly(seen)).isTrue();
        assertThat(d.integer()).isEqualTo(3);

        byte[] other = "{\"id\":\"b\",\"n\":3}".getBytes(StandardCharsets.US_ASCII);
        JsonCursor e = new JsonCursor().reset(other, 0, other.length);
        e.expect('{');
        assertThat(e.consumeExactly(seen)).isFalse();
        assertThat(e.name(JsonNames.of("id"))).isEqualTo("id"); // nothing consumed

        JsonCursor cut = new JsonCursor().reset(same, 0, 10); // the same bytes, but past the end of its range
        cut.expect('{');
        assertThat(cut.consumeExactly(seen)).isFalse();
    }

    private static boolean cursorAcceptsRange(byte[] array, int offset, int length) {
        JsonCursor c = new JsonCursor().reset(array, offset, length);
        try {
            c.skipValue();
            return c.atEnd();
        } catch (JsonCursor.Mismatch e) {
            return false;
        }
    }
}
