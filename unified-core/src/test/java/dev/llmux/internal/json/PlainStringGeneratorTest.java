package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

class PlainStringGeneratorTest {

    /** Jackson's own generator, undecorated: the bytes llmux's must equal. */
    private static final JsonMapper JACKSON = JsonMapper.builder().build();

    @Test
    void should_write_the_bytes_jackson_writes_for_plain_escaped_non_ascii_and_broken_strings() {
        String plain = "You are a careful travel assistant. Answer in plain English, cite the timetable.";
        List<String> texts = List.of(
                plain,
                plain + "?", // a real question mark is plain
                "x".repeat(PlainStringGenerator.MIN_LENGTH - 1), // below the threshold: Jackson's own loop
                "x".repeat(PlainStringGenerator.MIN_LENGTH),
                plain + "\"quoted\"",
                plain + "\\back\\slash",
                plain + "\nnew line\ttab\r",
                plain + "\u0000\u001f\u007f",
                plain + "/path/to", // Jackson does not escape '/' by default; neither must llmux
                plain + "caf\u00e9", // Latin-1, not ASCII
                plain + "\u2028 and \u4e2d\u6587",
                plain + "\ud83d\ude00", // a surrogate pair
                plain + "\ud800", // an unpaired high surrogate: the JDK encoder makes it '?'
                plain + "\udc00 after",
                "?".repeat(40) + "\ud800",
                "\ud800" + "?".repeat(40),
                "caf\u00e9? \ud800 caf\u00e9?" + "?".repeat(30), // not one byte per char, and an unpaired surrogate
                "caf\u00e9? \ud83d\ude00 caf\u00e9? an emoji, accents and questions",
                "\u4e2d\u6587\n\"\u4e2d\u6587\"\t\\\u0001 \u2028\u2029 \ufeff \uffff \ud83d\ude00\ud83d");
        for (String text : texts) {
            Map<String, Object> document = Map.of("text", text);
            assertThat(new String(Json.write(document), StandardCharsets.UTF_8)).as(escaped(text))
                    .isEqualTo(new String(JACKSON.writeValueAsBytes(document), StandardCharsets.UTF_8));
            assertThat(Json.write(document)).as(escaped(text)).isEqualTo(JACKSON.writeValueAsBytes(document));
        }
    }

    @Test
    void should_escape_every_ascii_character_as_jackson_does_wherever_it_falls() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c);
        }
        for (int shift = 0; shift < 9; shift++) { // each character at every offset within a word
            String text = "x".repeat(shift) + all + all.reverse();
            assertThat(Json.write(List.of(text))).as("shift %d", shift).isEqualTo(JACKSON.writeValueAsBytes(List.of(text)));
        }
        String multiLine = "You are a careful assistant.\n\n- Answer in \"plain\" English.\n- Cite C:\\timetables.\n";
        assertThat(Json.write(List.of(multiLine.repeat(50)))).isEqualTo(JACKSON.writeValueAsBytes(List.of(multiLine.repeat(50))));
    }

    @Test
    void should_write_as_jackson_does_a_document_whose_strings_turn_from_ascii_to_not_and_back() {
        List<String> texts = List.of(
                "plain ASCII before anything else, long enough",
                "Bonjour, \u00e0 quelle heure part le train pour Turin ?",
                "plain ASCII after a string that was not, long enough",
                "\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587\u4e2d\u6587",
                "escaped\nASCII\tafter\u0001both, long enough");
        assertThat(Json.write(texts)).isEqualTo(JACKSON.writeValueAsBytes(texts));
        assertThat(Json.write(Map.of("a", texts, "b", texts))).isEqualTo(JACKSON.writeValueAsBytes(Map.of("a", texts, "b", texts)));
    }

    @Test
    void should_agree_with_jackson_on_random_strings_at_every_offset_of_every_word() {
        Random random = new Random(11);
        char[] alphabet = {'a', 'Z', ' ', '?', '"', '\\', '\n', '\u0001', '\u007f', '/', '\u00e9', '\u4e2d', '\ud800', '\udc00', '\ud83d', '\ude00', '\u0080', '\u07ff', '\u0800'};
        for (int round = 0; round < 20_000; round++) {
            int length = PlainStringGenerator.MIN_LENGTH + random.nextInt(40);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                // mostly plain letters, one odd char in about one string in two
                chars[i] = random.nextInt(2 * length) == 0 ? alphabet[random.nextInt(alphabet.length)] : (char) ('a' + random.nextInt(26));
            }
            String text = new String(chars);
            assertThat(Json.write(List.of(text))).as(escaped(text)).isEqualTo(JACKSON.writeValueAsBytes(List.of(text)));
        }
    }

    @Test
    void should_write_strings_longer_than_the_generator_buffer_and_strings_in_names_and_properties() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("a long property name that is plain ASCII", "v");
        document.put("long", "plain words ".repeat(5_000)); // 60 KB, past the generator's buffer
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add("message number " + i + " of a long conversation");
        }
        document.put("many", many);
        assertThat(Json.write(document)).isEqualTo(JACKSON.writeValueAsBytes(document));
        assertThat(Json.generate(g -> {
            g.writeStartObject();
            g.writeStringProperty("content", "a property written by hand, plain all the way through");
            g.writeEndObject();
        })).isEqualTo("{\"content\":\"a property written by hand, plain all the way through\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void should_write_every_property_name_as_jackson_does_the_first_time_and_every_time_after() {
        List<String> names = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) { // every char as a name, surrogates alone included
            names.add(String.valueOf(c));
        }
        Random random = new Random(27);
        for (int i = 0; i < 5_000; i++) { // enough names that they fight over the kept slots
            StringBuilder name = new StringBuilder();
            for (int n = random.nextInt(EncodedNames.MAX_LENGTH + 8); n > 0; n--) {
                name.append(random.nextInt(4) == 0 ? (char) random.nextInt(Character.MAX_VALUE) : (char) ('a' + random.nextInt(26)));
            }
            names.add(name.toString());
        }
        names.add("content");
        names.add("caf\u00e9 \ud83d\ude00 \"quoted\" \\ \u2028");
        for (int pass = 0; pass < 2; pass++) {
            for (int from = 0; from < names.size(); from += 512) {
                Map<String, Object> document = new LinkedHashMap<>();
                names.subList(from, Math.min(names.size(), from + 512)).forEach(name -> document.put(name, 1));
                assertThat(Json.write(document)).as("pass %d, names from %d", pass, from).isEqualTo(JACKSON.writeValueAsBytes(document));
                assertThat(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document)).as("pretty, from %d", from)
                        .isEqualTo(JACKSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
                assertThat(Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(document))
                        .as("non-ASCII escaped, from %d", from)
                        .isEqualTo(JACKSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(document));
            }
        }
    }

    @Test
    void should_write_names_from_their_kept_bytes_only_for_writers_that_escape_as_jackson_does_by_default() {
        String name = "name_kept_" + System.nanoTime();
        Json.write(Map.of(name, 1));
        assertThat(EncodedNames.kept(name)).as("the shared mapper keeps what it wrote").isNotNull();

        String other = "name/not_kept_" + System.nanoTime();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put(other, "/a");
        document.put("caf\u00e9 a/b", 1);
        assertThat(Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).writeValueAsBytes(document))
                .isEqualTo(JACKSON.writer().with(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).writeValueAsBytes(document));
        assertThat(Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(document))
                .isEqualTo(JACKSON.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsBytes(document));
        assertThat(EncodedNames.kept(other)).as("a writer escaping otherwise does not use the table").isNull();
        assertThat(Json.MAPPER.writer().without(JsonWriteFeature.QUOTE_PROPERTY_NAMES).writeValueAsBytes(document))
                .isEqualTo(JACKSON.writer().without(JsonWriteFeature.QUOTE_PROPERTY_NAMES).writeValueAsBytes(document));
    }

    @Test
    void should_escape_as_the_writer_asks_when_it_asks_for_other_than_jackson_defaults() {
        List<String> texts = List.of("caf\u00e9 / path/to \u0001 \ud83d\ude00 and enough ASCII", "plain ASCII / with slashes, long enough");
        for (JsonWriteFeature feature : List.of(JsonWriteFeature.ESCAPE_NON_ASCII, JsonWriteFeature.ESCAPE_FORWARD_SLASHES)) {
            assertThat(new String(Json.MAPPER.writer().with(feature).writeValueAsBytes(texts), StandardCharsets.UTF_8)).as("%s", feature)
                    .isEqualTo(new String(JACKSON.writer().with(feature).writeValueAsBytes(texts), StandardCharsets.UTF_8));
        }
        for (JsonWriteFeature feature : List.of(JsonWriteFeature.WRITE_HEX_UPPER_CASE, JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)) {
            assertThat(Json.MAPPER.writer().without(feature).writeValueAsBytes(texts)).as("without %s", feature)
                    .isEqualTo(JACKSON.writer().without(feature).writeValueAsBytes(texts));
        }
        CharacterEscapes escapeA = new CharacterEscapes() {
            private final int[] codes = standardAsciiEscapesForJSON();

            {
                codes['a'] = CharacterEscapes.ESCAPE_STANDARD;
            }

            @Override
            public int[] getEscapeCodesForAscii() {
                return codes;
            }

            @Override
            public SerializableString getEscapeSequence(int ch) {
                return null;
            }
        };
        assertThat(new String(Json.MAPPER.writer().with(escapeA).writeValueAsBytes(texts), StandardCharsets.UTF_8))
                .isEqualTo(new String(JACKSON.writer().with(escapeA).writeValueAsBytes(texts), StandardCharsets.UTF_8))
                .contains("\\u0061");
    }

    @Test
    void should_give_the_shared_mapper_this_generator_for_bytes() {
        try (var g = Json.MAPPER.createGenerator(new java.io.ByteArrayOutputStream())) {
            assertThat(g).isInstanceOf(PlainStringGenerator.class);
        }
    }

    @Test
    void should_leave_string_output_to_jackson_alone() {
        Map<String, Object> document = Map.of("text", "plain words that are long enough to take the fast path");
        assertThat(Json.writeString(document)).isEqualTo(JACKSON.writeValueAsString(document));
    }

    private static String escaped(String text) {
        StringBuilder b = new StringBuilder();
        text.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
