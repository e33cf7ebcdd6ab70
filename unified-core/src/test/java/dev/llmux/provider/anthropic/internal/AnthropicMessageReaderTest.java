package dev.llmux.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmux.internal.json.Json;
import dev.llmux.testing.Mangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct Messages response reader against the data binding it stands in for. */
class AnthropicMessageReaderTest {

    private static final String HEAD = "\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\"";
    private static final String USAGE = "\"usage\":{\"input_tokens\":12,\"output_tokens\":3}";

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + HEAD + ",\"content\":[{\"type\":\"text\",\"text\":\"Hé \\\"quoted\\\" \\u00e9\\n\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null," + USAGE + "}",
        "{" + HEAD + ",\"content\":[],\"stop_reason\":\"max_tokens\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2,\"cache_creation_input_tokens\":3,"
                + "\"cache_read_input_tokens\":null,\"cache_creation\":{\"ephemeral_5m_input_tokens\":3,\"ephemeral_1h_input_tokens\":0},"
                + "\"server_tool_use\":{\"web_search_requests\":1},\"output_tokens_details\":{\"thinking_tokens\":7},\"service_tier\":\"standard\"}}",
        "{" + HEAD + ",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"},{\"type\":\"redacted_thinking\",\"data\":\"xyz\"},"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":1.10}}}],\"stop_reason\":\"tool_use\"}",
        "{" + HEAD + ",\"content\":[{\"type\":\"text\",\"text\":\"cited\",\"citations\":[{\"type\":\"web_search_result_location\",\"url\":\"u\",\"title\":\"t\"}]},"
                + "{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{\"query\":\"q\"},\"caller\":{\"type\":\"direct\"}},"
                + "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"s\",\"content\":[{\"type\":\"web_search_result\",\"url\":\"u\"}]}],\"stop_reason\":\"end_turn\"}",
        "{\"content\":[{\"text\":\"no type\"}],\"container\":{\"id\":\"c\"},\"context_management\":null}",
        "{" + HEAD + ",\"content\":[{\"type\":\"text\",\"text\":\"a\",\"text\":\"b\"}],\"usage\":null}",
        " {" + HEAD + ",\"content\":[]} \n",
    })
    void should_read_messages_exactly_as_binding_does(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        AnthropicWire.Message fast = AnthropicMessageReader.read(bytes);

        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(Json.read(bytes, AnthropicWire.Message.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        "{" + HEAD + ",\"content\":[{\"type\":\"text\",\"text\":7}]}",
        "{" + HEAD + ",\"content\":[{\"type\":\"tool_use\",\"input\":null}]}",
        "{" + HEAD + ",\"content\":[{\"type\":\"tool_use\",\"input\":\"{}\"}]}",
        "{" + HEAD + ",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"citations\":null}]}",
        "{" + HEAD + ",\"content\":[null]}",
        "{" + HEAD + ",\"content\":null}",
        "{" + HEAD + ",\"content\":{}}",
        "{\"id\":5,\"content\":[]}",
        "{" + HEAD + ",\"content\":[],\"usage\":{\"input_tokens\":\"12\"}}",
        "{" + HEAD + ",\"content\":[],\"usage\":{\"input_tokens\":1.0}}",
        "{" + HEAD + ",\"content\":[],\"usage\":{\"input_tokens\":3000000000}}",
        "{" + HEAD + ",\"content\":[],\"usage\":{\"cache_creation\":null}}",
        "{" + HEAD + ",\"content\":[],\"usage\":7}",
        "{" + HEAD + ",\"content\":[]} trailing",
        "{" + HEAD + ",\"content\":[]} {}",
        "{" + HEAD + ",\"content\":[",
        "[1]",
        "",
        "not json",
    })
    void should_leave_every_other_shape_to_binding(String body) {
        assertThat(AnthropicMessageReader.read(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/anthropic"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void should_read_the_recorded_fixtures_as_binding_does_or_leave_them_to_it(Path fixture) throws IOException {
        byte[] bytes = Files.readAllBytes(fixture);
        AnthropicWire.Message fast = AnthropicMessageReader.read(bytes);
        Throwable bindError = catchThrowable(() -> Json.read(bytes, AnthropicWire.Message.class));

        if (fixture.getFileName().toString().startsWith("message_")) {
            assertThat(fast).isNotNull().isEqualTo(Json.read(bytes, AnthropicWire.Message.class));
        } else if (fast != null) {
            assertThat(bindError).isNull();
            assertThat(fast).isEqualTo(Json.read(bytes, AnthropicWire.Message.class));
        }
    }

    @Test
    void should_read_every_mangled_message_it_accepts_exactly_as_binding_does() {
        String[] seeds = {
            "{" + HEAD + ",\"content\":[{\"type\":\"text\",\"text\":\"H\\u00e9 \\\"q\\\"\\n\",\"citations\":[{\"type\":\"char_location\",\"start\":0}]}],"
                    + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null," + USAGE + "}",
            "{" + HEAD + ",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":-10}}}],"
                    + "\"stop_reason\":\"tool_use\"}",
            "{" + HEAD + ",\"content\":[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"},{\"type\":\"redacted_thinking\",\"data\":\"xyz\"},"
                    + "{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\"}",
            "{" + HEAD + ",\"content\":[],\"usage\":{\"input_tokens\":1,\"output_tokens\":20,\"cache_creation_input_tokens\":300,"
                    + "\"cache_read_input_tokens\":null,\"cache_creation\":{\"ephemeral_5m_input_tokens\":3,\"ephemeral_1h_input_tokens\":0},"
                    + "\"server_tool_use\":{\"web_search_requests\":1},\"service_tier\":\"standard\"}}",
        };
        Random random = new Random(11);
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            byte[] body = Mangle.once(seeds[round % seeds.length], random).getBytes(StandardCharsets.UTF_8);
            AnthropicWire.Message fast = AnthropicMessageReader.read(body);
            if (fast != null) {
                read++;
                String text = new String(body, StandardCharsets.UTF_8);
                assertThat(catchThrowable(() -> Json.read(body, AnthropicWire.Message.class))).as(text).isNull();
                assertThat(fast).as(text).isEqualTo(Json.read(body, AnthropicWire.Message.class));
            }
        }
        assertThat(read).as("some mangled messages are still plain").isGreaterThan(500);
    }
}
