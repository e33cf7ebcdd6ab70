package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.internal.json.Json;
import dev.llmux.testing.Mangle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class ConverseEventReaderTest {

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

        assertThat(new ConverseEventReader().text(bytes(payload))).isNotNull().isEqualTo(delta.get("text").asString());
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
        assertThat(new ConverseEventReader().text(bytes(payload))).isNull();
    }

    @Test
    void should_take_from_every_mangled_payload_it_accepts_the_text_the_tree_path_takes() {
        String seed = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"H\\u00e9 \\n\"},\"p\":[1,true,null]}";
        java.util.Random random = new java.util.Random(13);
        ConverseEventReader reader = new ConverseEventReader();
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

    @Test
    void should_read_the_plain_start_stop_metadata_and_block_stop_events_as_the_tree_path_does() {
        ConverseEventReader reader = new ConverseEventReader();

        assertThat(reader.role(bytes("{\"role\":\"assistant\",\"p\":\"abc\"}"))).isEqualTo("assistant");
        assertThat(reader.stopReason(bytes("{\"stopReason\":\"tool_use\",\"additionalModelResponseFields\":{\"a\":[1]}}")))
                .isEqualTo("tool_use");
        assertThat(reader.usage(bytes("{\"usage\":{\"inputTokens\":412,\"outputTokens\":171,\"totalTokens\":583,"
                + "\"cacheReadInputTokens\":20},\"metrics\":{\"latencyMs\":210},\"p\":\"a\"}")))
                .isEqualTo(new ConverseResponseMapper.Counts(412, 171, 20, 0));
        assertThat(reader.isObject(bytes("{\"contentBlockIndex\":0,\"p\":\"ab\"}"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "{\"role\":null,\"stopReason\":null,\"usage\":null}",
        "{\"role\":1,\"stopReason\":[\"x\"],\"usage\":{\"inputTokens\":1.5}}",
        "{\"role\":\"a\",\"role\":\"b\",\"stopReason\":\"a\",\"stopReason\":\"b\",\"usage\":{},\"usage\":{}}",
        "{\"role\":\"a\",\"stopReason\":\"end_turn\",\"usage\":{}} trailing",
        "[1]",
        "\"role\"",
        "{\"role\":\"a\"",
    })
    void should_leave_start_stop_and_metadata_events_it_cannot_read_exactly_to_the_tree_path(String payload) {
        ConverseEventReader reader = new ConverseEventReader();

        assertThat(reader.role(bytes(payload))).isNull();
        assertThat(reader.stopReason(bytes(payload))).isNull();
        assertThat(reader.usage(bytes(payload))).isNull();
    }

    @Test
    void should_read_from_every_mangled_start_stop_metadata_and_block_stop_event_what_the_tree_path_reads() {
        String[] seeds = {
            "{\"role\":\"assistant\",\"p\":\"abc\"}",
            "{\"stopReason\":\"end_turn\",\"p\":[1,true,null]}",
            "{\"usage\":{\"inputTokens\":412,\"outputTokens\":171,\"cacheWriteInputTokens\":3},\"metrics\":{\"latencyMs\":210}}",
            "{\"contentBlockIndex\":0,\"p\":\"ab\"}",
        };
        java.util.Random random = new java.util.Random(17);
        ConverseEventReader reader = new ConverseEventReader();
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String payload = Mangle.once(seeds[round % seeds.length], random);
            byte[] b = bytes(payload);
            String role = reader.role(b);
            String reason = reader.stopReason(b);
            ConverseResponseMapper.Counts usage = reader.usage(b);
            boolean object = reader.isObject(b);
            if (role != null || reason != null || usage != null || object) {
                read++;
                JsonNode tree = Json.tree(b); // throws if the cursor took what Jackson refuses
                assertThat(tree.isObject()).as(payload).isTrue();
                if (role != null) {
                    assertThat(role).as(payload).isEqualTo(Json.text(tree, "role"));
                }
                if (reason != null) {
                    assertThat(reason).as(payload).isEqualTo(Json.text(tree, "stopReason"));
                }
                if (usage != null) {
                    assertThat(ConverseResponseMapper.usage(usage, "")).as(payload)
                            .isEqualTo(ConverseResponseMapper.usage(tree.get("usage"), ""));
                }
            }
        }
        assertThat(read).as("some mangled payloads are still plain").isGreaterThan(2_000);
    }
}
