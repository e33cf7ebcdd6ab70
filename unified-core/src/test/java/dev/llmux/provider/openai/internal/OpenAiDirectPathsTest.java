package dev.llmux.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.ChatRequest;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import dev.llmux.testing.OfflineCalls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The direct request writer against the tree path it stands in for. */
class OpenAiDirectPathsTest {

    private static final ProviderCall CALL = OfflineCalls.call("openai", "gpt-4o");

    private static final OpenAiDialect ADAPTING = new OpenAiDialect() {
        @Override
        public void adaptRequest(ObjectNode body, ChatRequest request, ProviderCall call) {
            body.put("adapted", true);
        }
    };

    private static final OpenAiDialect REWRITING = new OpenAiDialect() {
        @Override
        public void adaptResponse(ObjectNode node) {
            node.put("model", "rewritten");
        }
    };

    private static final OpenAiDialect REASONING_BACK = new OpenAiDialect() {
        @Override
        public boolean sendsReasoningContent() {
            return true;
        }

        @Override
        public boolean sendsStreamOptions() {
            return false;
        }
    };

    private static final String USER = "{\"role\":\"user\",\"content\":\"Hi \\\"there\\\" é\"}";

    static List<String> plainRequests() {
        return List.of(
                "{\"model\":\"openai/gpt-4o\",\"messages\":[" + USER + "]}",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"}," + USER + "],\"temperature\":0.2,\"top_p\":1.0,\"max_tokens\":64}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":[{\"type\":\"text\",\"text\":\"d\"}]},"
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"low\"}},"
                        + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA=\",\"format\":\"wav\"}},{\"type\":\"file\",\"file\":{\"file_id\":\"f1\"}}]}]}",
                "{\"model\":\"m\",\"messages\":[" + USER + ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}}]},"
                        + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"42\"},{\"role\":\"assistant\",\"content\":\"done\",\"name\":\"bot\"}],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"d\",\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}},\"strict\":true}}],"
                        + "\"tool_choice\":\"auto\",\"parallel_tool_calls\":false}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\",\"schema\":{\"type\":\"object\"},\"strict\":true}},"
                        + "\"stop\":[\"a\",\"b\"],\"n\":2,\"seed\":7,\"presence_penalty\":0.5,\"frequency_penalty\":-0.5,\"logit_bias\":{\"50256\":-100},\"logprobs\":true,"
                        + "\"top_logprobs\":3,\"user\":\"u\",\"metadata\":{\"k\":\"v\"},\"reasoning_effort\":\"low\",\"max_completion_tokens\":100}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"tools\":[],\"stop\":[],\"metadata\":{},\"logit_bias\":{},\"temperature\":0,\"seed\":-1}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"refusal\",\"refusal\":\"no\"}],\"refusal\":\"no\",\"annotations\":[]}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"\\u0000 \\ud83d\\ude00 \\t\"}],\"temperature\":1e-7,\"stop\":\"x\"}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"stream\":true}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"stream\":false}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"stream\":true,\"stream_options\":{\"include_usage\":false}}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"stream_options\":{\"include_usage\":true}}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"temperature\":0.5,\"stream\":true,\"stream_options\":{\"include_obfuscation\":false}}");
    }

    static List<String> otherRequests() {
        return List.of(
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"mock_response\":\"x\",\"num_retries\":2}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"custom_field\":{\"a\":[1,2.5,null]}}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"s\",\"cache_control\":{\"type\":\"ephemeral\"}}," + USER + "]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"t\",\"cache_control\":{\"type\":\"ephemeral\"}}]}]}",
                "{\"model\":\"m\",\"messages\":[" + USER + ",{\"role\":\"assistant\",\"content\":\"a\",\"reasoning_content\":\"r\",\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"}]}]}",
                "{\"model\":\"m\",\"messages\":[" + USER + ",{\"role\":\"assistant\",\"content\":\"a\",\"reasoning_content\":\"r\"}]}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"},\"cache_control\":{\"type\":\"ephemeral\"}}]}",
                "{\"model\":\"m\",\"messages\":[" + USER + "],\"stream\":true,\"num_retries\":1}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"narrator\",\"content\":\"n\",\"cache_control\":{\"type\":\"ephemeral\"}}]}",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\",\"video\":{\"url\":\"v\"},\"cache_control\":{}}]}]}");
    }

    static Stream<String> allRequests() {
        return Stream.concat(plainRequests().stream(), otherRequests().stream());
    }

    private static ChatRequest request(String json) {
        return Json.read(json, ChatRequest.class);
    }

    @ParameterizedTest
    @MethodSource("plainRequests")
    void should_write_plain_requests_directly_when_nothing_needs_taking_out(String json) {
        assertThat(OpenAiRequestMapper.isPlain(request(json), OpenAiDialect.OPENAI)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("otherRequests")
    void should_leave_requests_to_the_tree_when_something_needs_taking_out(String json) {
        assertThat(OpenAiRequestMapper.isPlain(request(json), OpenAiDialect.OPENAI)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("allRequests")
    void should_write_the_same_json_as_the_tree_when_any_dialect_is_used(String json) {
        ChatRequest request = request(json);
        for (OpenAiDialect dialect : List.of(OpenAiDialect.OPENAI, ADAPTING, REWRITING, REASONING_BACK)) {
            String tree = new String(Json.write(OpenAiRequestMapper.chatBody(request, CALL, dialect)), StandardCharsets.UTF_8);
            String direct = new String(OpenAiRequestMapper.chatBytes(request, CALL, dialect), StandardCharsets.UTF_8);
            assertSameJson(direct, tree, dialect);
        }
    }

    @ParameterizedTest
    @MethodSource("allRequests")
    void should_write_the_same_json_as_the_tree_when_the_call_streams_or_not_whatever_the_request_says(String json) {
        ChatRequest request = request(json);
        for (OpenAiDialect dialect : List.of(OpenAiDialect.OPENAI, ADAPTING, REASONING_BACK)) {
            for (boolean stream : new boolean[] {true, false}) {
                ChatRequest shaped = request.toBuilder().stream(stream ? Boolean.TRUE : null).build();
                String tree = new String(Json.write(OpenAiRequestMapper.chatBody(shaped, CALL, dialect)), StandardCharsets.UTF_8);
                String direct = new String(OpenAiRequestMapper.chatBytes(request, stream, CALL, dialect), StandardCharsets.UTF_8);
                assertSameJson(direct, tree, dialect + " stream=" + stream);
            }
        }
    }

    /**
     * The same bytes, except that {@code stream_options} keeps the record's field order where the tree adds
     * {@code include_usage} after a field the caller sent: then the same JSON.
     */
    private static void assertSameJson(String direct, String tree, Object what) {
        if (direct.contains("include_obfuscation")) {
            assertThat(Json.MAPPER.readTree(direct)).as("%s", what).isEqualTo(Json.MAPPER.readTree(tree));
        } else {
            assertThat(direct).as("%s", what).isEqualTo(tree);
        }
    }

    @Test
    void should_ask_for_usage_in_streams_and_send_no_stream_settings_otherwise() {
        ChatRequest request = request("{\"model\":\"m\",\"messages\":[" + USER + "],\"stream_options\":{\"include_usage\":false,\"include_obfuscation\":true}}");

        assertThat(new String(OpenAiRequestMapper.chatBytes(request, true, CALL, OpenAiDialect.OPENAI), StandardCharsets.UTF_8))
                .endsWith("\"stream\":true,\"stream_options\":{\"include_usage\":true,\"include_obfuscation\":true}}");
        assertThat(new String(OpenAiRequestMapper.chatBytes(request, true, CALL, REASONING_BACK), StandardCharsets.UTF_8))
                .endsWith("\"stream\":true}");
        assertThat(new String(OpenAiRequestMapper.chatBytes(request, false, CALL, OpenAiDialect.OPENAI), StandardCharsets.UTF_8))
                .doesNotContain("stream");
    }

    @Test
    void should_leave_requests_to_the_tree_when_the_dialect_adapts_them() {
        ChatRequest request = request(plainRequests().get(0));

        assertThat(OpenAiRequestMapper.isPlain(request, ADAPTING)).isFalse();
        assertThat(new String(OpenAiRequestMapper.chatBytes(request, CALL, ADAPTING), StandardCharsets.UTF_8)).contains("\"adapted\":true");
    }
}
