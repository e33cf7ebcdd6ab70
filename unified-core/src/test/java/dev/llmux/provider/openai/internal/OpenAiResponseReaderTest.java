package dev.llmux.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmux.api.ChatResponse;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import dev.llmux.testing.Mangle;
import dev.llmux.testing.OfflineCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** The direct chat response reader against the tree-and-bind path it stands in for. */
class OpenAiResponseReaderTest {

    private static final ProviderCall CALL = OfflineCalls.call("openai", "gpt-4o");

    private static final String HEAD = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764000000,\"model\":\"gpt-4o\"";
    private static final String MESSAGE = "{\"role\":\"assistant\",\"content\":\"Hello\"}";
    private static final String USAGE = "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}";

    static List<String> plainBodies() {
        return List.of(
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":" + MESSAGE + ",\"logprobs\":null,\"finish_reason\":\"stop\"}]," + USAGE + "}",
                "{" + HEAD + ",\"system_fingerprint\":\"fp_1\",\"service_tier\":\"default\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"Hé \\\"quoted\\\" \\u00e9\\n\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":2,\"audio_tokens\":0,\"unknown_tokens\":{\"x\":1}},"
                        + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":null}}}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}},{\"id\":\"call_2\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"},\"extra\":[1]}]},\"finish_reason\":\"tool_calls\"}]," + USAGE + "}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":\"I can't\"},\"finish_reason\":\"stop\"}],\"usage\":null}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\",\"tool_calls\":null,\"audio\":null,\"function_call\":null}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\",\"tool_calls\":[]},\"finish_reason\":null}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\",\"reasoning_content\":\"think\",\"name\":\"bot\"},\"finish_reason\":\"length\"}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":" + MESSAGE + ",\"finish_reason\":\"provider_specific\"}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":1,\"message\":{\"content\":\"b\"}},{\"index\":0,\"message\":{\"content\":\"a\"}}]}",
                "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"model\":\"m\",\"created\":1,\"id\":\"c\"}",
                " {" + HEAD + ",\"choices\":[]} ",
                "{\"a\":\"1\"," + HEAD + ",\"b\":true,\"choices\":[{\"x\":\"1\",\"index\":0,\"y\":false,\"message\":{},\"z\":\"3\"}],\"c\":\"3\","
                        + "\"usage\":{\"u\":\"1\",\"prompt_tokens\":1,\"v\":true,\"completion_tokens\":2,\"total_tokens\":3,\"w\":\"x\"}}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\",\"content\":\"y\"}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"index\":3,\"function\":null,\"id\":null,\"type\":null}]}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"function\":{\"name\":null,\"arguments\":null,\"strict\":{}}}]}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"x\",\"annotations\":null}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"The 07:34 from Lyon (30 percent off) 61.60 euros\","
                        + "\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":412,"
                        + "\"completion_tokens\":171,\"total_tokens\":583},\"system_fingerprint\":\"fp_bench\"}");
    }

    @ParameterizedTest
    @MethodSource("plainBodies")
    void should_read_plain_responses_exactly_as_the_general_path_does(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ChatResponse fast = OpenAiResponseReader.read(bytes);
        ChatResponse tree = OpenAiResponseMapper.treeResponse(bytes, CALL, OpenAiDialect.OPENAI);

        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(tree);
        assertSameOrder(fast, tree);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"logprobs\":{\"content\":[]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"content_filter_results\":{}}]}",
        "{" + HEAD + ",\"prompt_filter_results\":[{\"prompt_index\":0}],\"choices\":[]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":7}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"reasoning\":\"openrouter spelling\"}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"t\"}]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\",\"annotations\":[{\"type\":\"url_citation\"}]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":7}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":null}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":1.5,\"message\":{}}]}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3,\"cost\":0.00012345678901234567}}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3,\"prompt_cache_hit_tokens\":1}}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":3000000000,\"completion_tokens\":2,\"total_tokens\":3}}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":null,\"completion_tokens\":2,\"total_tokens\":3}}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens_details\":{\"cached_tokens\":\"2\"}}}",
        "{" + HEAD + ",\"choices\":[],\"usage\":[]}",
        "{" + HEAD + ",\"choices\":[],\"x_groq\":{\"id\":\"q\"}}",
        "{" + HEAD + ",\"choices\":[],\"seed\":12}",
        "{" + HEAD + ",\"choices\":[],\"note\":null}",
        "{" + HEAD + ",\"choices\":[],\"twice\":\"a\",\"twice\":\"b\"}",
        "{" + HEAD + ",\"choices\":[],\"text\":\"ignored by binding\"}",
        "{" + HEAD + ",\"choices\":[],\"message\":\"ignored by binding\"}",
        "{" + HEAD + ",\"choices\":null}",
        "{" + HEAD + "}",
        "{\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[]}",
        "{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m\",\"choices\":[]}",
        "{\"id\":\"c\",\"created\":1,\"choices\":[]}",
        "{\"id\":\"c\",\"created\":\"1\",\"model\":\"m\",\"choices\":[]}",
        "{\"id\":\"c\",\"object\":null,\"created\":1,\"model\":\"m\",\"choices\":[]}",
        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
        "{" + HEAD + ",\"choices\":[]} trailing",
        "{" + HEAD + ",\"choices\":[]} {}",
        "{" + HEAD + ",\"choices\":[",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"",
        "[1,2]",
        "",
        "not json",
    })
    void should_leave_every_other_shape_to_the_general_path(String body) {
        assertThat(OpenAiResponseReader.read(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /** Every body of either list, through the mapper with the reader and through the tree alone: same answer or error. */
    static Stream<String> everyBody() {
        List<String> all = new ArrayList<>(plainBodies());
        all.addAll(List.of(
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"x\"},\"logprobs\":{\"content\":[]}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"tool_calls\":[{\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":null}]}",
                "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":" + MESSAGE + ",\"finish_reason\":\"content_filter\"}]}",
                "{" + HEAD + ",\"choices\":[]} trailing",
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
                "{" + HEAD + ",\"choices\":[",
                "[1,2]",
                "not json"));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyBody")
    void should_give_the_same_response_or_error_through_the_mapper_either_way(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Throwable treeError = catchThrowable(() -> OpenAiResponseMapper.treeResponse(bytes, CALL, OpenAiDialect.OPENAI));
        Throwable error = catchThrowable(() -> OpenAiResponseMapper.chatResponse(bytes, CALL, OpenAiDialect.OPENAI));

        if (treeError == null) {
            assertThat(error).isNull();
            ChatResponse tree = OpenAiResponseMapper.treeResponse(bytes, CALL, OpenAiDialect.OPENAI);
            ChatResponse response = OpenAiResponseMapper.chatResponse(bytes, CALL, OpenAiDialect.OPENAI);
            if (body.contains("\"id\"")) {
                assertThat(response).isEqualTo(tree);
            } else {
                assertThat(response.choices()).isEqualTo(tree.choices());
            }
        } else if (!body.contains("content_filter\"")) {
            assertThat(error).isNotNull().hasSameClassAs(treeError).hasMessage(treeError.getMessage());
        }
    }

    static Stream<Path> fixtures() throws IOException {
        Path root = Path.of("src/test/resources/fixtures/openai");
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("chat", "azure", "compat")) {
            try (Stream<Path> files = Files.list(root.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_give_the_recorded_fixtures_the_same_response_either_way(Path fixture) {
        byte[] bytes = read(fixture);
        ChatResponse tree = OpenAiResponseMapper.treeResponse(bytes, CALL, OpenAiDialect.OPENAI);
        ChatResponse fast = OpenAiResponseReader.read(bytes);

        if (fast != null) {
            assertThat(fast).isEqualTo(tree);
            assertSameOrder(fast, tree);
        }
        Throwable error = catchThrowable(() -> OpenAiResponseMapper.chatResponse(bytes, CALL, OpenAiDialect.OPENAI));
        if (error == null) {
            assertThat(OpenAiResponseMapper.chatResponse(bytes, CALL, OpenAiDialect.OPENAI)).isEqualTo(tree);
        }
    }

    @Test
    void should_read_the_recorded_plain_fixtures_directly() {
        assertThat(OpenAiResponseReader.read(read(Path.of("src/test/resources/fixtures/openai/chat/tool-calls.json")))).isNotNull();
        assertThat(OpenAiResponseReader.read(read(Path.of("src/test/resources/fixtures/openai/chat/refusal.json")))).isNotNull();
    }

    @Test
    void should_be_used_only_for_dialects_that_leave_responses_alone() {
        OpenAiDialect rewriting = new OpenAiDialect() {
            @Override
            public void adaptResponse(ObjectNode node) {
                node.put("model", "renamed");
            }
        };
        byte[] body = ("{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":" + MESSAGE + "}]}").getBytes(StandardCharsets.UTF_8);

        assertThat(OpenAiResponseMapper.chatResponse(body, CALL, rewriting).model()).isEqualTo("renamed");
        assertThat(OpenAiResponseMapper.chatResponse(body, CALL, OpenAiDialect.OPENAI).model()).isEqualTo("gpt-4o");
    }

    @Test
    void should_leave_malformed_utf8_to_the_parser_which_judges_it_the_same_either_way() {
        byte[] head = ("{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":{\"content\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}]}".getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff}};
        for (byte[] b : bad) {
            byte[] body = new byte[head.length + b.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(b, 0, body, head.length, b.length);
            System.arraycopy(tail, 0, body, head.length + b.length, tail.length);

            Throwable treeError = catchThrowable(() -> OpenAiResponseMapper.treeResponse(body, CALL, OpenAiDialect.OPENAI));
            Throwable error = catchThrowable(() -> OpenAiResponseMapper.chatResponse(body, CALL, OpenAiDialect.OPENAI));
            if (treeError == null) {
                assertThat(OpenAiResponseMapper.chatResponse(body, CALL, OpenAiDialect.OPENAI))
                        .isEqualTo(OpenAiResponseMapper.treeResponse(body, CALL, OpenAiDialect.OPENAI));
            } else {
                assertThat(error).hasSameClassAs(treeError).hasMessage(treeError.getMessage());
            }
        }
    }

    @Test
    void should_read_every_mangled_response_it_accepts_exactly_as_the_general_path_does() {
        List<String> seeds = plainBodies();
        java.util.Random random = new java.util.Random(3);
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String body = Mangle.once(seeds.get(round % seeds.size()), random);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ChatResponse fast = OpenAiResponseReader.read(bytes);
            if (fast != null) {
                read++;
                Throwable treeError = catchThrowable(() -> OpenAiResponseMapper.treeResponse(bytes, CALL, OpenAiDialect.OPENAI));
                assertThat(treeError).as(body).isNull();
                ChatResponse tree = OpenAiResponseMapper.treeResponse(bytes, CALL, OpenAiDialect.OPENAI);
                assertThat(fast).as(body).isEqualTo(tree);
                assertSameOrder(fast, tree);
            }
        }
        assertThat(read).as("some mangled responses are still plain").isGreaterThan(500);
    }

    /** Equal maps may differ in order; the order shows when the response is written back out. */
    private static void assertSameOrder(ChatResponse fast, ChatResponse tree) {
        assertThat(Json.writeString(fast)).isEqualTo(Json.writeString(tree));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
