package dev.llmux.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTemplateTest {

    private static final String KEPT = "{\"a\":1,\"text\":\"kept\",\"z\":[true]}";

    private static JsonTemplate<String> template() {
        byte[] b = KEPT.getBytes(StandardCharsets.UTF_8);
        int start = KEPT.indexOf("\"kept\"");
        return new JsonTemplate<>(b, 0, b.length, start, start + "\"kept\"".length(), "value");
    }

    private static String stringIn(String document) {
        byte[] b = document.getBytes(StandardCharsets.UTF_8);
        return template().string(new JsonCursor(), b, 0, b.length);
    }

    @Test
    void should_read_the_string_a_document_holds_where_the_kept_one_held_its_own() {
        assertThat(stringIn("{\"a\":1,\"text\":\"new\",\"z\":[true]}")).isEqualTo("new");
        assertThat(stringIn("{\"a\":1,\"text\":\"\",\"z\":[true]}")).isEmpty();
        assertThat(stringIn("{\"a\":1,\"text\":\"\\u00e9\\\"\\n\",\"z\":[true]}")).isEqualTo("é\"\n");
        assertThat(stringIn("{\"a\":1,\"text\": \"spaced\" ,\"z\":[true]}")).isEqualTo("spaced");
        assertThat(template().value()).isEqualTo("value");
    }

    @Test
    void should_answer_null_when_any_other_byte_differs_or_no_single_string_fills_the_gap() {
        assertThat(stringIn("{\"a\":2,\"text\":\"new\",\"z\":[true]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":\"new\",\"z\":[false]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":null,\"z\":[true]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":\"x\",\"y\":\"z\",\"z\":[true]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":\"open,\"z\":[true]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":\"\u0001\",\"z\":[true]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":,\"z\":[true]}")).isNull();
        assertThat(stringIn("{\"a\":1,\"text\":\"z\":[true]}")).isNull();
        assertThat(stringIn("")).isNull();
    }

    @Test
    void should_read_only_the_documents_range_of_a_larger_array() {
        byte[] doc = "{\"a\":1,\"text\":\"mid\",\"z\":[true]}".getBytes(StandardCharsets.UTF_8);
        byte[] around = new byte[doc.length + 6];
        System.arraycopy(doc, 0, around, 3, doc.length);

        assertThat(template().string(new JsonCursor(), around, 3, doc.length)).isEqualTo("mid");
        assertThat(template().string(new JsonCursor(), around, 3, doc.length + 1)).isNull();
    }

    @Test
    void should_refuse_a_string_span_outside_the_document_naming_both() {
        byte[] b = KEPT.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new JsonTemplate<>(b, 2, 10, 1, 5, "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 5)").hasMessageContaining("[2, 12)");
        assertThatThrownBy(() -> new JsonTemplate<>(b, 0, 10, 5, 5, "v")).isInstanceOf(IllegalArgumentException.class);
    }
}
