package dev.llmux.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.FinishReason;
import dev.llmux.internal.json.Json;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The exact OpenAI-shaped answer llmux makes of each Messages response. */
class AnthropicResponseTest {

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

    private static ChatResponse chat(String model, String fixture, String responseFormat) {
        stub.stubMessage(fixture);
        ChatRequest.Builder req = ChatRequest.builder().model(model).addUser("x");
        if (responseFormat != null) {
            req.responseFormat(Json.read(responseFormat, dev.llmux.api.ResponseFormat.class));
        }
        try (Llmux llmux = stub.client()) {
            return llmux.chat(req.build());
        }
    }

    private static void assertJson(ChatResponse response, String expected) {
        assertThat(Json.tree(Json.write(response))).isEqualTo(Json.tree(expected.replace("CREATED", Long.toString(AnthropicStub.CREATED))));
    }

    @Test
    void should_join_text_blocks_and_map_cache_usage_with_openai_semantics() {
        ChatResponse res = chat("anthropic/claude-sonnet-4-5", "message_text.json", null);

        assertJson(res, """
                {"id":"msg_01TextAnswer","object":"chat.completion","created":CREATED,"model":"claude-sonnet-4-5-20250929",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":4521,"completion_tokens":9,"total_tokens":4530,
                  "prompt_tokens_details":{"cached_tokens":3000,"cache_write_tokens":1500},
                  "cache_creation_input_tokens":1500,"cache_creation":{"ephemeral_5m_input_tokens":500,"ephemeral_1h_input_tokens":1000},
                  "cache_read_input_tokens":3000}}""");
        // 21 uncached × $3 + 3000 read × $0.30 + 1500 written × $3.75 + 9 out × $15, per million
        assertThat(res.callInfo().cost()).isEqualByComparingTo(new BigDecimal("0.006723"));
        assertThat(res.callInfo().provider()).isEqualTo("anthropic");
    }

    @Test
    void should_return_thinking_blocks_with_signatures_reasoning_content_and_tool_calls() {
        ChatResponse res = chat("anthropic/claude-sonnet-4-5", "message_thinking_tool_use.json", null);

        assertJson(res, """
                {"id":"msg_01ThinkThenCall","object":"chat.completion","created":CREATED,"model":"claude-sonnet-4-5-20250929",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"I'll check the weather in Paris.",
                   "tool_calls":[{"id":"toolu_01NRLabsLyVHZPKxbKvkfSMn","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}],
                   "reasoning_content":"The user wants the weather in Paris.",
                   "thinking_blocks":[{"type":"thinking","thinking":"The user wants the weather in Paris.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
                                      {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":377,"completion_tokens":65,"total_tokens":442}}""");
    }

    @Test
    void should_echo_the_returned_assistant_message_back_unchanged_in_the_next_turn() {
        ChatResponse first = chat("anthropic/claude-sonnet-4-5", "message_thinking_tool_use.json", null);
        stub.server.resetAll();
        stub.stubMessage("message_text.json");
        ChatRequest next = ChatRequest.builder().model("anthropic/claude-sonnet-4-5").maxTokens(100)
                .tool(dev.llmux.api.Tool.function("get_weather", null, java.util.Map.of("type", "object")))
                .addUser("Weather?").message(first.message())
                .message(ChatMessage.tool("toolu_01NRLabsLyVHZPKxbKvkfSMn", "18C")).build();
        try (Llmux llmux = stub.client()) {
            llmux.chat(next);
        }
        assertThat(stub.requestBody().get("messages").get(1)).isEqualTo(Json.tree("""
                {"role":"assistant","content":[
                 {"type":"thinking","thinking":"The user wants the weather in Paris.","signature":"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"},
                 {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"},
                 {"type":"text","text":"I'll check the weather in Paris."},
                 {"type":"tool_use","id":"toolu_01NRLabsLyVHZPKxbKvkfSMn","name":"get_weather","input":{"location":"Paris","unit":"celsius"}}]}"""));
    }

    @Test
    void should_return_the_emulated_structured_output_as_content_not_a_tool_call() {
        ChatResponse res = chat("anthropic/claude-3-7-sonnet-20250219", "message_json_tool.json", """
                {"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"city":{"type":"string"}}}}}""");

        assertJson(res, """
                {"id":"msg_01JsonByTool","object":"chat.completion","created":CREATED,"model":"claude-3-7-sonnet-20250219",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"city\\":\\"Paris\\",\\"population\\":2102650}"},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":412,"completion_tokens":31,"total_tokens":443}}""");
    }

    @Test
    void should_unwrap_a_lone_values_key_unless_the_schema_declares_it() {
        assertThat(chat("anthropic/claude-3-7-sonnet-20250219", "message_json_values.json", "{\"type\":\"json_object\"}").text())
                .isEqualTo("[{\"city\":\"Paris\"},{\"city\":\"Lyon\"}]");
        stub.server.resetAll();
        assertThat(chat("anthropic/claude-3-7-sonnet-20250219", "message_json_values.json", """
                {"type":"json_schema","json_schema":{"name":"l","schema":{"type":"object","properties":{"values":{"type":"array"}}}}}""").text())
                .isEqualTo("{\"values\":[{\"city\":\"Paris\"},{\"city\":\"Lyon\"}]}");
    }

    @Test
    void should_keep_a_real_tool_call_named_like_the_json_tool_when_no_structured_output_was_asked() {
        ChatResponse res = chat("anthropic/claude-3-7-sonnet-20250219", "message_json_tool.json", null);
        assertThat(res.message().toolCallsOrEmpty()).hasSize(1);
        assertThat(res.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    }

    @Test
    void should_pass_native_structured_output_text_through() {
        ChatResponse res = chat("anthropic/claude-sonnet-4-5", "message_native_json.json", """
                {"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"city":{"type":"string"}}}}}""");
        assertThat(res.text()).isEqualTo("{\"city\":\"Paris\",\"population\":2102650}");
        assertThat(res.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void should_return_web_search_citations_as_url_annotations_and_skip_server_tool_blocks() {
        ChatResponse res = chat("anthropic/claude-sonnet-4-5", "message_web_search.json", null);

        assertJson(res, """
                {"id":"msg_01WebSearch","object":"chat.completion","created":CREATED,"model":"claude-sonnet-4-5-20250929",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"I'll search for that. About 4.8 million people live there.",
                   "annotations":[{"type":"url_citation","url_citation":{"end_index":58,"start_index":21,"title":"Cape Town",
                     "url":"https://example.org/cape-town"}}]},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":6039,"completion_tokens":931,"total_tokens":6970,"server_tool_use":{"web_search_requests":1,"web_fetch_requests":0}}}""");
    }

    @Test
    void should_map_a_refusal_to_content_filter() {
        ChatResponse res = chat("anthropic/claude-sonnet-4-5", "message_refusal.json", null);
        assertThat(res.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
        assertThat(res.text()).isEqualTo("I can't help with that.");
    }

    @ParameterizedTest
    @CsvSource({
        "end_turn, stop",
        "stop_sequence, stop",
        "pause_turn, stop",
        "max_tokens, length",
        "model_context_window_exceeded, length",
        "tool_use, tool_calls",
        "refusal, content_filter",
        "some_future_reason, some_future_reason"
    })
    void should_map_every_stop_reason(String stopReason, String finishReason) {
        stub.stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(AnthropicStub.fixture("message_text.json").replace("\"end_turn\"", "\"" + stopReason + "\"")));
        try (Llmux llmux = stub.client()) {
            assertThat(llmux.chat("anthropic/claude-sonnet-4-5", ChatMessage.user("x")).finishReason()).isEqualTo(FinishReason.of(finishReason));
        }
    }
}
