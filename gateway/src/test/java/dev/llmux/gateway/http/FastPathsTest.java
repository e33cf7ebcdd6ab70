package dev.llmux.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.internal.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's cheaper ways of doing per-request work give what the plain ways gave. */
class FastPathsTest {

    private static final List<String> BODIES = List.of(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"caf\\u00e9 \\\"quoted\\\" \\ud83d\\ude00\"},{\"type\":\"image_url\","
                    + "\"image_url\":{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"high\"}}]}]}",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":\"assistant\",\"content\":null,"
                    + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                    + "\"arguments\":\"{\\\"city\\\":\\\"Oslo\\\"}\"}}]},{\"role\":\"tool\",\"tool_call_id\":\"call_1\","
                    + "\"content\":\"12 C\"}]}");

    @Test
    void should_count_the_same_json_length_as_writing_the_bytes_when_estimating_a_prompt() {
        for (String body : BODIES) {
            List<ChatMessage> messages = Json.read(body, ChatRequest.class).messages();
            assertThat(CallService.jsonLength(messages)).as(body).isEqualTo(Json.write(messages).length);
        }
    }

    @Test
    void should_make_distinct_time_ordered_uuids_when_starting_requests() {
        Set<String> seen = new HashSet<>();
        long before = System.currentTimeMillis();
        for (int i = 0; i < 1000; i++) {
            UUID id = RequestContext.randomUuid();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
            assertThat(id.variant()).isEqualTo(2);
            assertThat(UUID.fromString(id.toString())).isEqualTo(id);
            seen.add(id.toString());
        }
        assertThat(seen).hasSize(1000);
    }
}
