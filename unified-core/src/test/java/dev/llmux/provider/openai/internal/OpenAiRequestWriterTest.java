package dev.llmux.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.Tool;
import dev.llmux.internal.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenAiRequestWriterTest {

    private static final String[] MESSAGES = {
        "{\"role\":\"system\",\"content\":\"Be brief. é \\\"q\\\" \\n \\u2028 \\ud83d\\ude00 \\u0001\"}",
        "{\"role\":\"system\",\"content\":\"s\",\"name\":\"ops\"}",
        "{\"role\":\"system\",\"content\":\"s\",\"cache_control\":{\"type\":\"ephemeral\"}}",
        "{\"role\":\"developer\",\"content\":\"d\"}",
        "{\"role\":\"user\",\"content\":\"Hi\"}",
        "{\"role\":\"user\",\"content\":\"Hi\",\"name\":\"ann\"}",
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"low\"}}]}",
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"cached\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]}",
        "{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"AAA=\",\"format\":\"wav\"}}]}",
        "{\"role\":\"assistant\",\"content\":\"Sure.\"}",
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"a\\\":1}\"}},"
                + "{\"index\":1,\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}",
        "{\"role\":\"assistant\",\"refusal\":\"no\",\"name\":\"bot\"}",
        "{\"role\":\"assistant\",\"content\":\"x\",\"reasoning_content\":\"because\",\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"}]}",
        "{\"role\":\"assistant\",\"content\":\"x\",\"annotations\":[{\"type\":\"url_citation\"}]}",
        "{\"role\":\"assistant\",\"name\":\"n\",\"thinking_blocks\":[{\"type\":\"redacted_thinking\",\"data\":\"r\"}],\"reasoning_content\":\"r\","
                + "\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"refusal\":\"no\",\"content\":\"c\"}",
        "{\"role\":\"assistant\",\"content\":\"x\",\"cache_control\":{\"type\":\"ephemeral\"}}",
        "{\"role\":\"user\",\"content\":\"u\",\"name\":\"n\",\"cache_control\":{\"type\":\"ephemeral\"}}",
        "{\"role\":\"developer\",\"content\":\"d\",\"name\":\"n\",\"cache_control\":{\"type\":\"ephemeral\"}}",
        "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":[{\"type\":\"text\",\"text\":\"t\"}],\"cache_control\":{\"type\":\"ephemeral\"}}",
        "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"42\"}",
        "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"42\",\"name\":\"f\"}",
        "{\"role\":\"function\",\"name\":\"old\",\"content\":\"legacy\"}",
    };

    private static final String[] FIELDS = {
        "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"description\":\"Finds \\\"it\\\"\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\",null]}},\"required\":[\"a\"],\"n\":1.5}}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"g\",\"strict\":true},\"cache_control\":{\"type\":\"ephemeral\"}}]",
        "\"tool_choice\":\"auto\"",
        "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}",
        "\"parallel_tool_calls\":false",
        "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"s\",\"schema\":{\"type\":\"object\"},\"strict\":true}}",
        "\"temperature\":0.7",
        "\"temperature\":1",
        "\"top_p\":0.95",
        "\"max_tokens\":400",
        "\"max_completion_tokens\":2048",
        "\"stop\":\"END\"",
        "\"stop\":[\"a\",\"b\"]",
        "\"n\":2",
        "\"seed\":12345678901",
        "\"presence_penalty\":-0.5",
        "\"frequency_penalty\":1.25",
        "\"logit_bias\":{\"50256\":-100,\"11\":5}",
        "\"logprobs\":true",
        "\"top_logprobs\":3",
        "\"user\":\"u-1\"",
        "\"metadata\":{\"team\":\"a\",\"run\":\"7\"}",
        "\"reasoning_effort\":\"low\"",
        "\"stream\":true",
        "\"stream_options\":{\"include_usage\":true}",
        "\"stream_options\":{\"include_usage\":false,\"include_obfuscation\":false}",
    };

    private static void assertSameBytes(ChatRequest request) {
        String bound = new String(Json.write(request), StandardCharsets.UTF_8);
        assertThat(new String(OpenAiRequestWriter.write(request), StandardCharsets.UTF_8)).isEqualTo(bound);
    }

    @Test
    void should_write_every_message_kind_and_field_as_data_binding_does() {
        for (String message : MESSAGES) {
            for (String field : FIELDS) {
                assertSameBytes(Json.read("{\"model\":\"gpt-4o\",\"messages\":[" + message + "]," + field + "}", ChatRequest.class));
            }
        }
    }

    @Test
    void should_write_random_combinations_of_messages_and_fields_as_data_binding_does() {
        Random random = new Random(21);
        for (int round = 0; round < 3_000; round++) {
            List<String> messages = new ArrayList<>();
            for (int i = random.nextInt(5); i >= 0; i--) {
                messages.add(MESSAGES[random.nextInt(MESSAGES.length)]);
            }
            StringBuilder json = new StringBuilder("{\"model\":\"m\",\"messages\":[").append(String.join(",", messages)).append(']');
            Map<String, String> fields = new LinkedHashMap<>(); // one of each name, in a random order
            for (String field : FIELDS) {
                if (random.nextInt(3) == 0) {
                    fields.put(field.substring(0, field.indexOf(':')), field);
                }
            }
            List<String> shuffled = new ArrayList<>(fields.values());
            java.util.Collections.shuffle(shuffled, random);
            shuffled.forEach(f -> json.append(',').append(f));
            assertSameBytes(Json.read(json.append('}').toString(), ChatRequest.class));
        }
    }

    @Test
    void should_write_requests_built_in_code_and_hand_extra_fields_to_data_binding() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("nullable", null);
        ChatRequest built = ChatRequest.builder()
                .model("gpt-4o-mini")
                .messages(List.of(ChatMessage.system("sys"), ChatMessage.user("hi"), ChatMessage.assistant("yo"), ChatMessage.tool("c", "r")))
                .tools(List.of(Tool.function("f", null, schema)))
                .temperature(0.2)
                .maxTokens(10)
                .build();
        assertSameBytes(built);
        assertSameBytes(Json.read("{\"model\":\"m\",\"messages\":[],\"vendor_knob\":{\"a\":[1,2]},\"temperature\":0}", ChatRequest.class));
    }
}
