package dev.llmux.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.StreamAggregator;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.ThinkingBlock;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.internal.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Anthropic SSE streams as OpenAI chunks: every event type, fragments, in-stream errors and cut streams. */
class AnthropicStreamTest {

    /** Generous: the first stream of a JVM warms up Netty and WireMock on a shared, busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static AnthropicStub stub;

    @BeforeAll
    static void start() {
        stub = new AnthropicStub();
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @BeforeEach
    void reset() {
        stub.server.resetAll();
    }

    private static List<ChatChunk> stream(String model, String fixture, ChatRequest.Builder request) {
        stub.stubStream(fixture);
        List<ChatChunk> chunks = new ArrayList<>();
        try (Llmux llmux = stub.client()) {
            StepVerifier.create(llmux.stream(request.model(model).build()))
                    .recordWith(() -> chunks)
                    .thenConsumeWhile(c -> true)
                    .expectComplete()
                    .verify(TIMEOUT);
        }
        return chunks;
    }

    private static List<ChatChunk> stream(String model, String fixture) {
        return stream(model, fixture, ChatRequest.builder().addUser("x"));
    }

    /** One expected chunk: {@code delta} JSON and finish reason, or {@code usage} JSON for the usage-only chunk. */
    private static String chunk(String id, String model, String delta, String finish) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + AnthropicStub.CREATED + ",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finish + "}]}";
    }

    private static String usageChunk(String id, String model, String usage) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + AnthropicStub.CREATED + ",\"model\":\"" + model
                + "\",\"choices\":[],\"usage\":" + usage + "}";
    }

    private static void assertChunks(List<ChatChunk> actual, String... expected) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        actual.forEach(c -> a.add(Json.valueToTree(c)));
        ArrayNode e = Json.MAPPER.createArrayNode();
        for (String s : expected) {
            e.add(Json.tree(s));
        }
        assertThat(a.toPrettyString()).isEqualTo(e.toPrettyString());
    }

    @Test
    void should_stream_text_skip_pings_and_end_with_a_usage_only_chunk() {
        String id = "msg_01StreamText";
        String m = "claude-sonnet-4-5-20250929";
        List<ChatChunk> chunks = stream("anthropic/claude-sonnet-4-5", "stream_text.sse");

        assertChunks(chunks,
                chunk(id, m, "{\"role\":\"assistant\",\"content\":\"\"}", "null"),
                chunk(id, m, "{\"content\":\"Paris is the capital\"}", "null"),
                chunk(id, m, "{\"content\":\" of France.\"}", "null"),
                chunk(id, m, "{}", "\"stop\""),
                usageChunk(id, m, """
                        {"prompt_tokens":4521,"completion_tokens":9,"total_tokens":4530,
                         "prompt_tokens_details":{"cached_tokens":3000,"cache_write_tokens":1500},
                         "cache_creation_input_tokens":1500,"cache_creation":{"ephemeral_5m_input_tokens":500,"ephemeral_1h_input_tokens":1000},
                         "cache_read_input_tokens":3000}"""));
        assertThat(chunks.get(chunks.size() - 1).callInfo().cost()).isEqualByComparingTo("0.006723");
        JsonNode body = stub.requestBody();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(stub.request().getHeader("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void should_stream_tool_arguments_in_fragments_keyed_by_tool_index() {
        String id = "msg_01StreamTools";
        String m = "claude-sonnet-4-5-20250929";
        List<ChatChunk> chunks = stream("anthropic/claude-sonnet-4-5", "stream_tool_use.sse");

        assertChunks(chunks,
                chunk(id, m, "{\"role\":\"assistant\",\"content\":\"\"}", "null"),
                chunk(id, m, "{\"content\":\"Checking both cities.\"}", "null"),
                chunk(id, m, "{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01Paris\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", "null"),
                chunk(id, m, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"locati\"}}]}", "null"),
                chunk(id, m, "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"on\\\": \\\"Paris\\\"}\"}}]}", "null"),
                chunk(id, m, "{\"tool_calls\":[{\"index\":1,\"id\":\"toolu_01Time\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}]}", "null"),
                chunk(id, m, "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{}\"}}]}", "null"),
                chunk(id, m, "{}", "\"tool_calls\""),
                usageChunk(id, m, "{\"prompt_tokens\":377,\"completion_tokens\":65,\"total_tokens\":442}"));

        StringBuilder args = new StringBuilder();
        chunks.stream().filter(c -> !c.choices().isEmpty() && c.choices().get(0).delta().toolCalls() != null)
                .flatMap(c -> c.choices().get(0).delta().toolCalls().stream())
                .filter(t -> t.index() == 0)
                .forEach(t -> args.append(t.arguments()));
        assertThat(Json.tree(args.toString())).isEqualTo(Json.tree("{\"location\":\"Paris\"}"));
    }

    @Test
    void should_stream_thinking_as_reasoning_and_emit_each_complete_block_with_its_signature() {
        String id = "msg_01StreamThink";
        String m = "claude-sonnet-4-5-20250929";
        List<ChatChunk> chunks = stream("anthropic/claude-sonnet-4-5", "stream_thinking.sse",
                ChatRequest.builder().addUser("2+2?").reasoningEffort("low"));

        assertChunks(chunks,
                chunk(id, m, "{\"role\":\"assistant\",\"content\":\"\"}", "null"),
                chunk(id, m, "{\"reasoning_content\":\"Let me add \"}", "null"),
                chunk(id, m, "{\"reasoning_content\":\"2 and 2.\"}", "null"),
                chunk(id, m, "{\"thinking_blocks\":[{\"type\":\"thinking\",\"thinking\":\"Let me add 2 and 2.\",\"signature\":\"EqQBCgIYAhIMsig==\"}]}", "null"),
                chunk(id, m, "{\"thinking_blocks\":[{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgyRedacted\"}]}", "null"),
                chunk(id, m, "{\"content\":\"4\"}", "null"),
                chunk(id, m, "{}", "\"stop\""),
                usageChunk(id, m, "{\"prompt_tokens\":50,\"completion_tokens\":42,\"total_tokens\":92,\"completion_tokens_details\":{\"reasoning_tokens\":30}}"));
        assertThat(stub.requestBody().get("thinking")).isEqualTo(Json.tree("{\"type\":\"enabled\",\"budget_tokens\":1024}"));
        // rebuilt from the chunks, the message carries the same blocks a non-streamed answer does, ready to echo back
        ChatResponse rebuilt = StreamAggregator.aggregate(reactor.core.publisher.Flux.fromIterable(chunks)).block(TIMEOUT);
        assertThat(rebuilt.message().thinkingBlocks()).containsExactly(
                ThinkingBlock.thinking("Let me add 2 and 2.", "EqQBCgIYAhIMsig=="), ThinkingBlock.redacted("EmwKAhgBEgyRedacted"));
        assertThat(rebuilt.message().reasoningContent()).isEqualTo("Let me add 2 and 2.");
        assertThat(rebuilt.text()).isEqualTo("4");
    }

    @Test
    void should_stream_emulated_structured_output_as_content_and_finish_with_stop() {
        String id = "msg_01StreamJson";
        String m = "claude-3-7-sonnet-20250219";
        List<ChatChunk> chunks = stream("anthropic/claude-3-7-sonnet-20250219", "stream_json_tool.sse",
                ChatRequest.builder().addUser("x").responseFormat(dev.llmux.api.ResponseFormat.JSON_OBJECT));

        assertChunks(chunks,
                chunk(id, m, "{\"role\":\"assistant\",\"content\":\"\"}", "null"),
                chunk(id, m, "{\"content\":\"{\\\"city\\\": \\\"Pa\"}", "null"),
                chunk(id, m, "{\"content\":\"ris\\\"}\"}", "null"),
                chunk(id, m, "{}", "\"stop\""),
                usageChunk(id, m, "{\"prompt_tokens\":412,\"completion_tokens\":31,\"total_tokens\":443}"));
    }

    @Test
    void should_map_a_streamed_refusal_to_content_filter() {
        List<ChatChunk> chunks = stream("anthropic/claude-sonnet-4-5", "stream_refusal.sse");
        assertThat(chunks.get(1).choices().get(0).finishReason().value()).isEqualTo("content_filter");
    }

    private static void assertStreamFails(String fixture, Class<? extends LlmuxException> type, int status, int chunksBefore) {
        stub.stubStream(fixture);
        List<ChatChunk> chunks = new ArrayList<>();
        try (Llmux llmux = stub.client()) {
            StepVerifier.create(llmux.stream(ChatRequest.builder().model("anthropic/claude-sonnet-4-5").addUser("x").build()))
                    .recordWith(() -> chunks)
                    .thenConsumeWhile(c -> true)
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(type);
                        assertThat(((LlmuxException) e).status()).isEqualTo(status);
                        assertThat(((LlmuxException) e).provider()).isEqualTo("anthropic");
                    })
                    .verify(TIMEOUT);
        }
        assertThat(chunks).hasSize(chunksBefore);
    }

    @Test
    void should_fail_the_stream_with_a_retryable_503_on_an_overloaded_error_event() {
        assertStreamFails("stream_error.sse", ServiceUnavailableException.class, 503, 2);
    }

    @Test
    void should_fail_a_stream_that_ends_without_message_stop() {
        assertStreamFails("stream_cut.sse", ApiConnectionException.class, 500, 3);
    }

    @Test
    void should_fail_with_a_502_on_an_event_that_is_not_json() {
        assertStreamFails("stream_malformed.sse", BadGatewayException.class, 502, 0);
    }

    @Test
    void should_fail_before_any_chunk_when_the_stream_request_gets_an_error_status() {
        stub.stub(aResponse().withStatus(529).withHeader("Content-Type", "application/json")
                .withBody(AnthropicStub.fixture("error_overloaded_error.json")));
        try (Llmux llmux = stub.client()) {
            StepVerifier.create(llmux.stream(ChatRequest.builder().model("anthropic/claude-sonnet-4-5").addUser("x").build()))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("Overloaded");
                        assertThat(((LlmuxException) e).isRetryable()).isTrue();
                        assertThat(((LlmuxException) e).details().errorType()).isEqualTo("overloaded_error");
                    })
                    .verify(TIMEOUT);
        }
    }
}
