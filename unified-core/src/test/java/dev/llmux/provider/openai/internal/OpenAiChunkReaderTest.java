package dev.llmux.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmux.api.ChatChunk;
import dev.llmux.spi.ProviderCall;
import dev.llmux.testing.Mangle;
import dev.llmux.testing.OfflineCalls;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class OpenAiChunkReaderTest {

    private static final ProviderCall CALL = OfflineCalls.call("openai", "gpt-4o");

    private static final String HEAD = "\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764000000,\"model\":\"gpt-4o\"";

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + HEAD + ",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hé \\\"quoted\\\" \\u00e9\\n\"},\"finish_reason\":null}]}",
        "{" + HEAD + ",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "{" + HEAD + ",\"service_tier\":\"default\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}],\"obfuscation\":\"aB3\"}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null,\"native\":true}],\"flag\":false}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":null,\"finish_reason\":\"length\"}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"annotations\":[{\"a\":1}],\"audio\":null},\"finish_reason\":null}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"},\"finish_reason\":null}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"provider_specific\"}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":1,\"delta\":{\"content\":\"b\"}},{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
        "{\"id\":\"first\"," + HEAD + ",\"choices\":[],\"usage\":null}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}",
        "{" + HEAD + ",\"system_fingerprint\":\"fp_1\",\"choices\":[],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":171,\"total_tokens\":583,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":256,\"audio_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":64,\"audio_tokens\":0,"
                + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12,\"note\":\"x\"}}",
        "{\"choices\":[{\"delta\":{\"content\":\"x\"}}],\"model\":\"m\",\"created\":1,\"id\":\"c\"}",
        " {" + HEAD + ",\"choices\":[]} ",
        "{\"a\":\"1\"," + HEAD + ",\"b\":true,\"choices\":[{\"x\":\"1\",\"index\":0,\"y\":false,\"delta\":{},\"z\":\"3\"}],\"c\":\"3\"}",
    })
    void should_read_plain_chunks_exactly_as_the_general_path_does(String data) {
        ChatChunk fast = new OpenAiChunkReader().read(data);

        assertThat(fast).isNotNull();
        assertThat(fast).isEqualTo(OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI));
        assertThat(fast.extra()).containsExactlyEntriesOf(OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI).extra());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3,\"cost\":0.0001}}",
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1.5,\"completion_tokens\":2,\"total_tokens\":3}}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":{\"a\":1}}}]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"openrouter spelling\"}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"logprobs\":{\"content\":[]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"content_filter_results\":{}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":7}}]}",
        "{" + HEAD + ",\"choices\":[],\"x_groq\":{\"id\":\"q\"}}",
        "{" + HEAD + ",\"choices\":[],\"seed\":12}",
        "{" + HEAD + ",\"choices\":[],\"note\":null}",
        "{" + HEAD + ",\"choices\":[],\"twice\":\"a\",\"twice\":\"b\"}",
        "{" + HEAD + ",\"choices\":[],\"text\":\"ignored by binding\"}",
        "{" + HEAD + ",\"choices\":null}",
        "{" + HEAD + "}",
        "{\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}",
        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"model\":\"m\",\"choices\":[]}",
        "{\"id\":\"c\",\"created\":1,\"choices\":[]}",
        "{\"id\":\"c\",\"created\":\"1\",\"model\":\"m\",\"choices\":[]}",
        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
        "{" + HEAD + ",\"choices\":[]} trailing",
        "{" + HEAD + ",\"choices\":[",
        "[1,2]",
        "not json",
    })
    void should_leave_every_other_shape_to_the_general_path(String data) {
        assertThat(new OpenAiChunkReader().read(data)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3,\"cost\":0.00012345678901234567}}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"t\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":{\"a\":1}}}]}}]}",
        "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}",
        "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}",
        "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}",
        "not json",
    })
    void should_give_the_same_chunk_or_error_through_the_mapper_either_way(String data) {
        Throwable treeError = catchThrowable(() -> OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI));
        Throwable error = catchThrowable(() -> OpenAiResponseMapper.chunk(data, CALL, OpenAiDialect.OPENAI));

        if (treeError == null) {
            assertThat(error).isNull();
            ChatChunk tree = OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI);
            ChatChunk chunk = OpenAiResponseMapper.chunk(data, CALL, OpenAiDialect.OPENAI);
            if (data.contains("\"id\"")) {
                assertThat(chunk).isEqualTo(tree);
            } else {
                // a missing id is generated (random), everything else is the same
                assertThat(chunk.choices()).isEqualTo(tree.choices());
                assertThat(chunk.id()).startsWith("chatcmpl-");
            }
        } else {
            assertThat(error).isNotNull().hasSameClassAs(treeError).hasMessage(treeError.getMessage());
        }
    }

    @Test
    void should_read_each_event_right_when_one_reader_sees_plain_unusual_truncated_and_broken_events_in_turn() {
        String plain = "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}]}";
        String plainToo = "{" + HEAD + ",\"service_tier\":\"default\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"y\"}}]}\n";
        String[] others = {
            "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3,\"cost\":0.5}}",
            "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\",\"annotations\":[{\"a\":",
            "{" + HEAD + ",\"choices\":[]} {\"id\":\"second\"}",
            "{" + HEAD + ",\"choices\":[]} \"open",
            "{\"id\":\"c\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"",
            "}}}",
            "",
        };
        OpenAiChunkReader reader = new OpenAiChunkReader();
        for (String other : others) {
            assertThat(reader.read(plain)).as("before %s", other).isEqualTo(OpenAiResponseMapper.treeChunk(plain, CALL, OpenAiDialect.OPENAI));
            assertThat(reader.read(other)).as(other).isNull();
            assertThat(reader.read(plainToo)).as("after %s", other).isEqualTo(OpenAiResponseMapper.treeChunk(plainToo, CALL, OpenAiDialect.OPENAI));
        }
    }

    @Test
    void should_leave_malformed_utf8_to_the_general_path_which_decodes_it_with_replacement_characters() {
        byte[] head = ("{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}]}".getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xff}};
        for (byte[] b : bad) {
            byte[] data = new byte[head.length + b.length + tail.length];
            System.arraycopy(head, 0, data, 0, head.length);
            System.arraycopy(b, 0, data, head.length, b.length);
            System.arraycopy(tail, 0, data, head.length + b.length, tail.length);

            assertThat(new OpenAiChunkReader().read(data)).isNull();
            assertThat(OpenAiResponseMapper.chunk(new String(data, StandardCharsets.UTF_8), CALL, OpenAiDialect.OPENAI).text()).contains("\uFFFD");
        }
    }

    @Test
    void should_read_every_mangled_chunk_it_accepts_exactly_as_the_general_path_does() {
        String[] seeds = {
            "{" + HEAD + ",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"H\\u00e9 \\n\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"obfuscation\":\"aB\"}",
            "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}",
        };
        java.util.Random random = new java.util.Random(5);
        OpenAiChunkReader reader = new OpenAiChunkReader();
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String text = Mangle.once(seeds[round % seeds.length], random);
            ChatChunk fast = reader.read(text);
            if (fast != null) {
                read++;
                Throwable treeError = catchThrowable(() -> OpenAiResponseMapper.treeChunk(text, CALL, OpenAiDialect.OPENAI));
                assertThat(treeError).as(text).isNull();
                ChatChunk tree = OpenAiResponseMapper.treeChunk(text, CALL, OpenAiDialect.OPENAI);
                assertThat(fast).as(text).isEqualTo(tree);
                assertThat(fast.extra()).as(text).containsExactlyEntriesOf(tree.extra());
            }
        }
        assertThat(read).as("some mangled chunks are still plain chunks").isGreaterThan(500);
    }

    @Test
    void should_read_every_mangled_chunk_right_after_the_chunk_it_was_mangled_from() {
        // the seed's bytes up to "choices" are remembered, so a mangled copy whose change comes later skips them
        String[] seeds = {
            "{" + HEAD + ",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"H\\u00e9\"},\"finish_reason\":null}],\"obfuscation\":\"aB\"}",
            "{" + HEAD + ",\"usage\":null,\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
            "{" + HEAD + ",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}",
        };
        java.util.Random random = new java.util.Random(11);
        OpenAiChunkReader reader = new OpenAiChunkReader();
        int read = 0;
        for (int round = 0; round < 10_000; round++) {
            String seed = seeds[round % seeds.length];
            assertThat(reader.read(seed)).isEqualTo(OpenAiResponseMapper.treeChunk(seed, CALL, OpenAiDialect.OPENAI));
            String text = Mangle.once(seed, random);
            ChatChunk fast = reader.read(text);
            if (fast != null) {
                read++;
                Throwable treeError = catchThrowable(() -> OpenAiResponseMapper.treeChunk(text, CALL, OpenAiDialect.OPENAI));
                assertThat(treeError).as(text).isNull();
                ChatChunk tree = OpenAiResponseMapper.treeChunk(text, CALL, OpenAiDialect.OPENAI);
                assertThat(fast).as(text).isEqualTo(tree);
                assertThat(fast.extra()).as(text).containsExactlyEntriesOf(tree.extra());
            }
        }
        assertThat(read).as("some mangled chunks are still plain chunks").isGreaterThan(500);
    }

    @Test
    void should_take_the_fields_before_choices_from_the_previous_chunk_only_when_its_bytes_repeat_exactly() {
        OpenAiChunkReader reader = new OpenAiChunkReader();
        String head = "{\"id\":\"c-1\",\"object\":\"chat.completion.chunk\",\"created\":7,\"model\":\"gpt-4o\","
                + "\"service_tier\":\"default\",\"choices\":";
        String first = head + "[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}";
        String second = head + "[{\"index\":0,\"delta\":{\"content\":\"b\"}}],\"flagged\":true}";
        String spaced = head.replace("\"created\":7", "\"created\": 7") + "[{\"index\":0,\"delta\":{\"content\":\"c\"}}]}";
        String later = head.replace("\"created\":7", "\"created\":8") + "[{\"index\":0,\"delta\":{\"content\":\"d\"}}]}";
        String twice = head + "[{\"index\":0,\"delta\":{\"content\":\"e\"}}],\"service_tier\":\"flex\"}";

        for (String data : List.of(first, second, second, spaced, later, first, twice, first)) {
            ChatChunk fast = reader.read(data);
            if (data == twice) {
                assertThat(fast).as("a field given twice is the general path's to judge").isNull();
            } else {
                ChatChunk tree = OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI);
                assertThat(fast).as(data).isEqualTo(tree);
                assertThat(fast.extra()).as(data).containsExactlyEntriesOf(tree.extra());
            }
        }
    }

    @Test
    void should_read_a_chunk_from_the_last_delta_only_when_that_delta_had_one_content_and_it_is_the_chunks() {
        String head = "{" + HEAD + ",\"choices\":[";
        List<String> pairs = List.of(
                // two choices: the content that differs is the second choice's
                head + "{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
                head + "{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"c\"}}]}",
                // a content given twice: the later one counts
                head + "{\"index\":0,\"delta\":{\"content\":\"a\",\"content\":null}}]}",
                head + "{\"index\":0,\"delta\":{\"content\":\"b\",\"content\":null}}]}",
                // choices given twice: the later array counts
                head + "{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"choices\":[{\"index\":0,\"delta\":{}}]}",
                head + "{\"index\":0,\"delta\":{\"content\":\"b\"}}],\"choices\":[{\"index\":0,\"delta\":{}}]}",
                // a plain delta, then one with the same bytes around another string, then around a non-string
                head + "{\"index\":0,\"delta\":{\"content\":\"a\"},\"finish_reason\":null}]}",
                head + "{\"index\":0,\"delta\":{\"content\":\"\\u00e9\\\"\"},\"finish_reason\":null}]}",
                head + "{\"index\":0,\"delta\":{\"content\": \"d\" },\"finish_reason\":null}]}",
                head + "{\"index\":0,\"delta\":{\"content\":null},\"finish_reason\":null}]}",
                head + "{\"index\":0,\"delta\":{\"content\":\"e\",\"role\":\"x\"},\"finish_reason\":null}]}");
        OpenAiChunkReader reader = new OpenAiChunkReader();
        for (String data : pairs) {
            ChatChunk tree = OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI);
            assertThat(reader.read(data)).as(data).isEqualTo(tree);
        }
    }

    @Test
    void should_read_a_chunk_lying_in_the_middle_of_a_larger_array() {
        String data = "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"mid\"}}]}";
        byte[] json = data.getBytes(StandardCharsets.UTF_8);
        byte[] around = new byte[json.length + 20];
        java.util.Arrays.fill(around, (byte) '#');
        System.arraycopy(json, 0, around, 7, json.length);
        OpenAiChunkReader reader = new OpenAiChunkReader();

        assertThat(reader.read(around, 7, json.length)).isEqualTo(OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI));
        assertThat(reader.read(around, 7, json.length + 1)).isNull(); // a '#' after the object
        assertThat(reader.read(around, 7, json.length)).as("after a discarded parser").isEqualTo(OpenAiResponseMapper.treeChunk(data, CALL, OpenAiDialect.OPENAI));
    }

    @Test
    void should_reuse_the_previous_chunks_strings_when_they_repeat_and_read_new_ones_when_they_change() {
        OpenAiChunkReader reader = new OpenAiChunkReader();
        String first = "{\"id\":\"c-1\",\"created\":1,\"model\":\"gpt-4o\",\"system_fingerprint\":\"fp\",\"choices\":[]}";
        String same = "{\"id\":\"c-1\",\"created\":2,\"model\":\"gpt-4o\",\"system_fingerprint\":\"fp\",\"choices\":[]}";
        String changed = "{\"id\":\"c-2\",\"created\":3,\"model\":\"gpt-4p\",\"system_fingerprint\":\"fq\",\"choices\":[]}";

        ChatChunk a = reader.read(first);
        ChatChunk b = reader.read(same);
        ChatChunk c = reader.read(changed);

        assertThat(b.id()).isSameAs(a.id());
        assertThat(b.model()).isSameAs(a.model());
        assertThat(b.systemFingerprint()).isSameAs(a.systemFingerprint());
        assertThat(c).isEqualTo(OpenAiResponseMapper.treeChunk(changed, CALL, OpenAiDialect.OPENAI));
        assertThat(List.of(c.id(), c.model(), c.systemFingerprint())).containsExactly("c-2", "gpt-4p", "fq");
    }

    @Test
    void should_be_used_only_for_dialects_that_leave_responses_alone() {
        OpenAiDialect rewriting = new OpenAiDialect() {
            @Override
            public void adaptResponse(ObjectNode node) {
                node.put("model", "renamed");
            }
        };
        OpenAiDialect requestOnly = new OpenAiDialect() {
            @Override
            public boolean sendsStreamOptions() {
                return false;
            }
        };

        assertThat(OpenAiChunkReader.supports(OpenAiDialect.OPENAI)).isTrue();
        assertThat(OpenAiChunkReader.supports(requestOnly)).isTrue();
        assertThat(OpenAiChunkReader.supports(rewriting)).isFalse();
        String data = "{" + HEAD + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}";
        assertThat(OpenAiResponseMapper.chunk(data, CALL, rewriting).model()).isEqualTo("renamed");
    }
}
