package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
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
}
