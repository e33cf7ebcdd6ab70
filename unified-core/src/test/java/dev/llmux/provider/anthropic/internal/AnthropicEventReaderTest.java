package dev.llmux.provider.anthropic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderCall;
import dev.llmux.testing.Mangle;
import dev.llmux.testing.OfflineCalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicEventReaderTest {

    private static final ProviderCall CALL = OfflineCalls.call("anthropic", "claude-sonnet-4-5");

    private static AnthropicWire.Event general(String data, String sseEvent) {
        return AnthropicStreams.bind(AnthropicStreams.tree(new SseEvent(sseEvent, data, null), CALL), CALL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hé \\\"q\\\"\\n\"}}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"hmm\"}}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"citations_delta\",\"citation\":{\"type\":\"char_location\",\"cited_text\":\"x\"}}}",
        "content_block_stop|{\"type\":\"content_block_stop\",\"index\":0}",
        "ping|{\"type\": \"ping\"}",
        "content_block_delta|{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"typed by the SSE name\"}}",
        "NULL|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"},\"extra\":[1,{\"a\":2}]}",
        "message_stop|{\"type\":\"message_stop\",\"usage\":null,\"error\":null}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":null}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"},\"delta\":{\"type\":\"text_delta\",\"text\":\"b\"}}",
        "message_start|{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":3}}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
        "message_delta|{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}",
        "message_start|{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":2048,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":0},\"output_tokens\":1,\"service_tier\":\"standard\"}}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"s\",\"name\":\"web_search\",\"input\":{\"query\":\"q\",\"n\":[1,2.50,null]}}}",
        "message_delta|{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"input_tokens\":null,\"output_tokens\":89,\"server_tool_use\":{\"web_search_requests\":1}}}",
        "message_start|{\"message\":{\"id\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}]},\"message\":{\"id\":\"n\"}}",
    })
    void should_read_the_common_events_exactly_as_the_general_path_does(String sseEvent, String data) {
        AnthropicWire.Event fast = new AnthropicEventReader().read(data, sseEvent);

        assertThat(fast).isNotNull().isEqualTo(general(data, sseEvent));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "error|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
        "message_start|{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"error\":null}}",
        "message_start|{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"content\":null}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"input\":null}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":7}}",
        "content_block_start|{\"type\":\"content_block_start\",\"index\":0,\"content_block\":[]}",
        "message_delta|{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":\"9\"}}",
        "message_delta|{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":9.0}}",
        "message_delta|{\"type\":\"message_delta\",\"usage\":{\"cache_creation\":null}}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":\"0\",\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "content_block_delta|{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":5}}",
        "content_block_delta|{\"type\":null,\"index\":0}",
        "NULL|{\"index\":0}",
        "ping|[1]",
        "ping|{\"type\":\"ping\"} trailing",
        "ping|not json",
    })
    void should_leave_every_other_event_to_the_general_path(String sseEvent, String data) {
        assertThat(new AnthropicEventReader().read(data, sseEvent)).isNull();

        // and the general path still gives what it always gave (an event, or a 502 for what does not read)
        Throwable error = catchThrowable(() -> general(data, sseEvent));
        if (error != null) {
            assertThat(error).hasMessageContaining("could not parse");
        }
    }

    @org.junit.jupiter.api.Test
    void should_read_each_event_right_when_one_reader_sees_plain_and_broken_events_in_turn() {
        String delta = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}";
        String[] others = {
            "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"content\":[{\"type\":\"tool_use\",\"input\":{\"a\":[1]},\"citations\":null}]}}",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"cut",
            "{\"type\":\"ping\"} {\"type\":\"ping\"}",
            "{\"type\":\"ping\",\"x\":[1,{\"y\":",
            "]}",
        };
        AnthropicEventReader reader = new AnthropicEventReader();
        for (String other : others) {
            assertThat(reader.read(delta, "content_block_delta")).as("before %s", other).isEqualTo(general(delta, "content_block_delta"));
            assertThat(reader.read(other, "x")).as(other).isNull();
            assertThat(reader.read(delta + "\n", null)).as("after %s", other).isEqualTo(general(delta, null));
        }
    }

    @Test
    void should_read_every_mangled_event_it_accepts_exactly_as_the_general_path_does() {
        String[] seeds = {
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"H\\u00e9 \\n\"}}",
            "{\"type\":\"content_block_stop\",\"index\":0,\"usage\":null}",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude\",\"content\":[],"
                    + "\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"cache_read_input_tokens\":20,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0},\"output_tokens\":1}}}",
            "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{\"a\":[1,-2.5e1]}}}",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":89}}",
        };
        java.util.Random random = new java.util.Random(9);
        AnthropicEventReader reader = new AnthropicEventReader();
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String data = Mangle.once(seeds[round % seeds.length], random);
            AnthropicWire.Event fast = reader.read(data, "content_block_delta");
            if (fast != null) {
                read++;
                assertThat(catchThrowable(() -> general(data, "content_block_delta"))).as(data).isNull();
                assertThat(fast).as(data).isEqualTo(general(data, "content_block_delta"));
            }
        }
        assertThat(read).as("some mangled events are still plain").isGreaterThan(500);
    }

    @Test
    void should_read_every_mangled_delta_right_after_the_delta_it_was_mangled_from() {
        // the seed is kept as the last text delta, so a mangled copy whose change lies in the text is read from it
        String[] seeds = {
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"H\\u00e9 \\n\"}}",
            "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"ab\",\"partial_json\":null}}",
        };
        java.util.Random random = new java.util.Random(13);
        AnthropicEventReader reader = new AnthropicEventReader();
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String seed = seeds[round % seeds.length];
            assertThat(reader.read(seed, "content_block_delta")).isEqualTo(general(seed, "content_block_delta"));
            String data = Mangle.once(seed, random);
            AnthropicWire.Event fast = reader.read(data, "content_block_delta");
            if (fast != null) {
                read++;
                assertThat(catchThrowable(() -> general(data, "content_block_delta"))).as(data).isNull();
                assertThat(fast).as(data).isEqualTo(general(data, "content_block_delta"));
            }
        }
        assertThat(read).as("some mangled events are still plain").isGreaterThan(500);
    }

    @Test
    void should_read_an_event_from_the_last_delta_only_when_its_one_text_is_the_deltas_and_the_event_name_is_the_same() {
        String[][] events = {
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"\\\"b\\u00e9\"}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\": \"c\" }}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":null}}"},
            // a text given twice, a delta given twice: the later one counts
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\",\"text\":null}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"b\",\"text\":null}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"a\"},\"delta\":{\"type\":\"x\"}}"},
            {"content_block_delta", "{\"type\":\"content_block_delta\",\"delta\":{\"text\":\"b\"},\"delta\":{\"type\":\"x\"}}"},
            // no type in the data: the SSE event name gives it, so the same bytes under another name differ
            {"content_block_delta", "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}}"},
            {"other_delta", "{\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"b\"}}"},
        };
        AnthropicEventReader reader = new AnthropicEventReader();
        for (String[] e : events) {
            assertThat(reader.read(e[1], e[0])).as("%s %s", e[0], e[1]).isEqualTo(general(e[1], e[0]));
        }
    }
}
