package dev.llmux.provider.bedrock.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmux.api.ChatResponse;
import dev.llmux.internal.json.Json;
import dev.llmux.testing.Mangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The direct Converse response reader against the JSON tree path it stands in for. */
class ConverseResponseReaderTest {

    private static final String USAGE = "\"usage\":{\"inputTokens\":12,\"outputTokens\":30,\"totalTokens\":42}";

    private static String body(String content, String rest) {
        return "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[" + content + "]}},\"stopReason\":\"end_turn\"" + rest + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hé \\\"quoted\\\" \\u00e9\\n\"}]}},\"stopReason\":\"end_turn\","
                + USAGE + ",\"metrics\":{\"latencyMs\":321}}",
        "{\"stopReason\":\"max_tokens\",\"usage\":{\"inputTokens\":1,\"outputTokens\":2,\"cacheReadInputTokens\":3,\"cacheWriteInputTokens\":4,"
                + "\"cacheDetails\":[{\"ttl\":\"5m\"}]},\"output\":{\"message\":{\"content\":[{\"text\":\"a\"},{\"text\":\"b\"}]}}}",
        "{\"output\":{\"message\":{\"content\":[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"think\",\"signature\":\"sig\"}}},"
                + "{\"reasoningContent\":{\"redactedContent\":\"AAEC\"}},{\"reasoningContent\":{\"reasoningText\":{}}},"
                + "{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\",\"n\":[1,2.50,1e3,null,true],\"o\":{}}}},"
                + "{\"toolUse\":{\"toolUseId\":\"t2\",\"name\":\"noargs\"}}]}},\"stopReason\":\"tool_use\"," + USAGE + "}",
        "{\"output\":{\"message\":{\"content\":[{\"image\":{\"format\":\"png\"}},{\"text\":\"x\",\"citations\":[]}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"guardrail_intervened\",\"trace\":{\"guardrail\":{}},\"additionalModelResponseFields\":null}",
        "{\"output\":{\"message\":{\"content\":[{\"text\":\"{\\\"type\\\":\\\"function\\\",\\\"name\\\":\\\"get_weather\\\",\\\"parameters\\\":{\\\"city\\\":\\\"Oslo\\\"}}\"}]}},"
                + "\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"toolUse\":{\"toolUseId\":\"j\",\"name\":\"json_tool_call\",\"input\":{\"answer\":42}}}]}},\"stopReason\":\"tool_use\"}",
        "{\"output\":{\"message\":{\"content\":[{\"text\":\"x\"}]}},\"stopReason\":\"malformed_model_output\"}",
        " {\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"end_turn\"} ",
    })
    void should_read_responses_exactly_as_the_tree_path_does(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ConverseResponseMapper.Converse fast = ConverseResponseReader.read(bytes);
        JsonNode tree = Json.tree(bytes);

        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(ConverseResponseMapper.converse(tree));
        for (String jsonTool : new String[] {null, "json_tool_call"}) {
            ChatResponse viaTree = ConverseResponseMapper.map(tree, "chatcmpl-1", 7, "m", jsonTool, Set.of("get_weather"));
            ChatResponse direct = ConverseResponseMapper.map(fast, "chatcmpl-1", 7, "m", jsonTool, Set.of("get_weather"));
            assertThat(withoutGeneratedIds(direct)).isEqualTo(withoutGeneratedIds(viaTree));
        }
    }

    /** The response as JSON, with the random ids of tool calls written as text left out. */
    private static String withoutGeneratedIds(ChatResponse response) {
        return Json.writeString(response).replaceAll("call_[0-9a-f]{32}", "call_generated");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"output\":{\"message\":{\"content\":[{\"text\":7}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"text\":null}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"text\":\"x\",\"toolUse\":{\"name\":\"f\"}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"toolUse\":{\"name\":\"f\",\"input\":\"{}\"}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"toolUse\":{\"name\":null}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"toolUse\":\"f\"}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"reasoningContent\":{}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"a\"},\"redactedContent\":\"b\"}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"reasoningContent\":{\"reasoningText\":\"a\"}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[null]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":{}}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{},\"stopReason\":\"end_turn\"}",
        "{\"output\":null,\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[]}}}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":null}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":5}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"end_turn\",\"usage\":null}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":\"3\"}}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":3000000000}}",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"end_turn\"} trailing",
        "{\"output\":{\"message\":{\"content\":[]}},\"stopReason\":\"end_turn\"",
        "{\"Message\":\"The security token included in the request is invalid.\"}",
        "[1]",
        "",
        "not json",
    })
    void should_leave_every_other_shape_to_the_tree_path(String body) {
        assertThat(ConverseResponseReader.read(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/bedrock"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("converse-")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_read_the_recorded_fixtures_as_the_tree_path_does(Path fixture) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture);
        ConverseResponseMapper.Converse fast = ConverseResponseReader.read(bytes);

        assertThat(fast).isNotNull().isEqualTo(ConverseResponseMapper.converse(Json.tree(bytes)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"output\":{\"message\":{\"content\":[{\"text\":null}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[{\"toolUse\":{\"name\":\"f\",\"input\":\"{}\"}}]}},\"stopReason\":\"end_turn\"}",
        "{\"output\":{},\"stopReason\":\"end_turn\"}",
        "{\"output\":{\"message\":{\"content\":[]}}}",
    })
    void should_leave_the_tree_path_to_judge_what_the_reader_does_not_take(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Throwable error = catchThrowable(() -> ConverseResponseMapper.converse(Json.tree(bytes)));

        assertThat(ConverseResponseReader.read(bytes)).isNull();
        if (body.contains("\"message\":{\"content\"") && body.contains("stopReason")) {
            assertThat(error).isNull();
        } else {
            assertThat(error).isInstanceOf(ConverseResponseMapper.Malformed.class);
        }
    }

    @Test
    void should_match_the_tree_path_when_it_accepts_a_mangled_response() {
        String[] seeds = {
            body("{\"text\":\"H\\u00e9 \\\"q\\\"\\n\",\"citations\":[]},{\"image\":{\"format\":\"png\"}}", "," + USAGE + ",\"metrics\":{\"latencyMs\":321}"),
            "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"f\","
                    + "\"input\":{\"a\":[1,2.50,\"x\",null,true,1e3],\"b\":{\"c\":-10}}}}]}},\"stopReason\":\"tool_use\"}",
            body("{\"reasoningContent\":{\"reasoningText\":{\"text\":\"hmm\",\"signature\":\"sig\"}}},{\"reasoningContent\":{\"redactedContent\":\"AAEC\"}},"
                    + "{\"text\":\"ok\"}", ""),
            body("", ",\"usage\":{\"inputTokens\":1,\"outputTokens\":20,\"totalTokens\":321,\"cacheReadInputTokens\":300,"
                    + "\"cacheWriteInputTokens\":0,\"cacheDetails\":[{\"ttl\":\"5m\",\"inputTokens\":0}]}"),
        };
        Random random = new Random(11);
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            byte[] bytes = Mangle.once(seeds[round % seeds.length], random).getBytes(StandardCharsets.UTF_8);
            ConverseResponseMapper.Converse fast = ConverseResponseReader.read(bytes);
            if (fast != null) {
                read++;
                String text = new String(bytes, StandardCharsets.UTF_8);
                assertThat(catchThrowable(() -> ConverseResponseMapper.converse(Json.tree(bytes)))).as(text).isNull();
                assertThat(fast).as(text).isEqualTo(ConverseResponseMapper.converse(Json.tree(bytes)));
            }
        }
        assertThat(read).as("some mangled responses are still plain").isGreaterThan(500);
    }
}
