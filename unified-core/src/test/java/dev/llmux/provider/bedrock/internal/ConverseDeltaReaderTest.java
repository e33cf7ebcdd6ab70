package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.internal.json.Json;
import dev.llmux.testing.Mangle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ConverseDeltaReaderTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hé \\\"q\\\"\\n\"},\"p\":\"abcd\"}",
        "{\"delta\":{\"text\":\"\"}}",
        "{\"p\":{\"nested\":[1,2]},\"delta\":{\"text\":\"x\",\"toolUse\":{\"input\":\"{}\"}},\"contentBlockIndex\":3}",
        "{\"delta\":{\"text\":\"first\",\"text\":\"second\"}}",
    })
    void should_take_the_text_the_tree_path_takes(String payload) {
        JsonNode delta = Json.tree(bytes(payload)).path("delta");

        assertThat(new ConverseDeltaReader().text(bytes(payload))).isNotNull().isEqualTo(delta.get("text").asString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"{\\\"a\\\"\"}}}",
        "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"hm\"}}}",
        "{\"delta\":{\"text\":5}}",
        "{\"delta\":{\"text\":null}}",
        "{\"delta\":\"text\"}",
        "{\"delta\":{\"text\":\"a\"},\"delta\":{\"text\":\"b\"}}",
        "{\"delta\":{\"text\":\"a\"}} trailing",
        "{\"delta\":{\"text\":\"a\"}",
        "[]",
        "{}",
    })
    void should_leave_every_other_payload_to_the_tree_path(String payload) {
        assertThat(new ConverseDeltaReader().text(bytes(payload))).isNull();
    }

    @Test
    void should_take_from_every_mangled_payload_it_accepts_the_text_the_tree_path_takes() {
        String seed = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"H\\u00e9 \\n\"},\"p\":[1,true,null]}";
        java.util.Random random = new java.util.Random(13);
        ConverseDeltaReader reader = new ConverseDeltaReader();
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String payload = Mangle.once(seed, random);
            String fast = reader.text(bytes(payload));
            if (fast != null) {
                read++;
                JsonNode tree = Json.tree(bytes(payload));
                assertThat(tree.path("delta").path("text").isString()).as(payload).isTrue();
                assertThat(fast).as(payload).isEqualTo(tree.path("delta").get("text").asString());
            }
        }
        assertThat(read).as("some mangled payloads are still plain").isGreaterThan(500);
    }
}
