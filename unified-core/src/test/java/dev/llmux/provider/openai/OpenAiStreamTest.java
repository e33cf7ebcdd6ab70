package dev.llmux.provider.openai;

import static dev.llmux.provider.openai.WireMockLlmux.fixture;
import static dev.llmux.provider.openai.WireMockLlmux.json;
import static dev.llmux.provider.openai.WireMockLlmux.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.FinishReason;
import dev.llmux.api.StreamOptions;
import dev.llmux.api.ToolCall;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.RateLimitException;
import dev.llmux.internal.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class OpenAiStreamTest {

    private final WireMockLlmux wm = new WireMockLlmux();
    private final Llmux llmux = wm.client("openai", Map.of("api_base", wm.baseUrl() + "/v1", "api_key", "sk-test"), Map.of());

    @AfterEach
    void stop() {
        llmux.close();
        wm.close();
    }

    private static ChatRequest request() {
        return ChatRequest.builder().model("openai/gpt-4o-mini").addUser("weather in Paris, and the time?").build();
    }

    @Test
    void should_always_ask_for_usage_and_keep_other_stream_options() {
        wm.stub("/v1/chat/completions", sse(fixture("stream/text.sse")));
        llmux.stream(request().toBuilder().streamOptions(new StreamOptions(null, false)).build()).collectList().block(Duration.ofSeconds(5));
        assertThat(wm.lastBody()).isEqualTo(Json.tree("""
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"weather in Paris, and the time?"}],
                 "stream":true,"stream_options":{"include_obfuscation":false,"include_usage":true}}"""));
        assertThat(wm.lastRequest().getHeader("Accept")).isEqualTo("text/event-stream");
    }

    @Test
    void should_stream_parallel_tool_call_deltas_then_a_usage_only_chunk_across_split_buffers_and_keep_alives() {
        wm.stub("/v1/chat/completions", sse(fixture("stream/tool-calls.sse")));
        List<ChatChunk> chunks = llmux.stream(request()).collectList().block(Duration.ofSeconds(5));

        List<String> expected = WireMockLlmux.sseData(fixture("stream/tool-calls.sse"));
        assertThat(chunks).hasSize(expected.size());
        for (int i = 0; i < chunks.size(); i++) {
            assertThat(OpenAiChatTest.wire(chunks.get(i))).as("chunk %d", i).isEqualTo(withoutNullUsageAndRefusal(expected.get(i)));
        }
        assertThat(chunks.get(0).choices().get(0).delta().toolCalls()).containsExactly(
                new ToolCall(0, "call_abc", "function", new ToolCall.FunctionCall("get_weather", "")));
        assertThat(chunks.get(3).choices().get(0).delta().toolCalls().get(0).index()).isEqualTo(1);
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().cachedTokens()).isEqualTo(64);
        assertThat(last.usage().reasoningTokens()).isEqualTo(5);
        assertThat(chunks.get(chunks.size() - 2).choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void should_stream_text_ignoring_obfuscation_padding() {
        wm.stub("/v1/chat/completions", sse(fixture("stream/text.sse")));
        StepVerifier.create(llmux.stream(request()).map(c -> c.text() == null ? "<" + (c.usage() == null ? "fin" : "usage") + ">" : c.text()))
                .expectNext("", "Hello", " world", "<fin>", "<usage>")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_the_flux_with_the_error_event_inside_a_200_stream() {
        wm.stub("/v1/chat/completions", sse(fixture("stream/error-mid-stream.sse")));
        StepVerifier.create(llmux.stream(request()))
                .assertNext(c -> assertThat(c.text()).isEqualTo("Hel"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InternalServerException.class)
                        .hasMessageContaining("The server had an error while processing your request"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_map_an_in_stream_rate_limit_error_to_a_rate_limit() {
        wm.stub("/v1/chat/completions", sse("""
                data: {"error":{"message":"Rate limit reached for gpt-4o-mini on tokens per min (TPM)","type":"tokens","param":null,"code":"rate_limit_exceeded"}}

                """));
        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RateLimitException.class))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_when_the_stream_ends_without_done() {
        wm.stub("/v1/chat/completions", sse(fixture("stream/cut.sse")));
        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class).hasMessageContaining("[DONE]"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_with_bad_gateway_on_a_chunk_that_is_not_json() {
        wm.stub("/v1/chat/completions", sse("data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: {not json\n\ndata: [DONE]\n\n"));
        StepVerifier.create(llmux.stream(request()))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BadGatewayException.class).hasMessageContaining("openai"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_map_an_http_error_before_the_stream_starts() {
        wm.stub("/v1/chat/completions", json(429, """
                {"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""));
        StepVerifier.create(llmux.stream(request()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RateLimitException.class);
                    assertThat(((RateLimitException) e).isQuotaExhausted()).isTrue();
                    assertThat(((RateLimitException) e).isRetryable()).isFalse();
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_lift_usage_off_a_content_chunk_and_send_it_last_on_its_own() {
        wm.stub("/v1/chat/completions", sse("""
                data: {"id":"c9","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":null}]}

                data: {"id":"c9","object":"chat.completion.chunk","created":5,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}

                data: [DONE]

                """));
        List<ChatChunk> chunks = llmux.stream(request()).collectList().block(Duration.ofSeconds(5));
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(1).usage()).isNull();
        assertThat(chunks.get(1).choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(OpenAiChatTest.wire(chunks.get(2))).isEqualTo(Json.tree("""
                {"id":"c9","object":"chat.completion.chunk","created":5,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"""));
    }

    /** Our chunks omit {@code usage: null}, {@code refusal: null} and {@code content: null} in deltas. */
    static tools.jackson.databind.JsonNode withoutNullUsageAndRefusal(String json) {
        tools.jackson.databind.node.ObjectNode tree = (tools.jackson.databind.node.ObjectNode) Json.tree(json);
        if (tree.has("usage") && tree.get("usage").isNull()) {
            tree.remove("usage");
        }
        tree.get("choices").forEach(c -> {
            tools.jackson.databind.node.ObjectNode d = (tools.jackson.databind.node.ObjectNode) c.get("delta");
            for (String f : List.of("refusal", "content")) {
                if (d.has(f) && d.get(f).isNull()) {
                    d.remove(f);
                }
            }
        });
        return tree;
    }
}
