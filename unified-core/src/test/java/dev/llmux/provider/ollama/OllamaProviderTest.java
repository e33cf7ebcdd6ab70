package dev.llmux.provider.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.StubSupport.assertJson;
import static dev.llmux.provider.StubSupport.fixture;
import static dev.llmux.provider.StubSupport.onlyRequestBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.ContentPart;
import dev.llmux.api.EmbeddingRequest;
import dev.llmux.api.EmbeddingResponse;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.NotFoundException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.provider.StubSupport;
import dev.llmux.spi.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

class OllamaProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Tool WEATHER = Tool.function("get_weather", "Weather for a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));

    private Llmux llmux;

    @BeforeEach
    void setUp() {
        llmux = client(Map.of());
    }

    @AfterEach
    void tearDown() {
        llmux.close();
    }

    private Llmux client(Map<String, String> env) {
        return Llmux.builder()
                .provider(new OllamaProvider(StubSupport.sequentialIds()))
                .settings("ollama", ProviderSettings.builder().apiBase(wm.baseUrl()).build())
                .settings("ollama_chat", ProviderSettings.builder().apiBase(wm.baseUrl() + "/").build())
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))
                .env(env::get)
                .build();
    }

    private static void stubChat(String body) {
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void stubStream(String ndjson) {
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-ndjson").withBody(ndjson).withChunkedDribbleDelay(7, 60)));
    }

    private List<ChatChunk> streamAll(ChatRequest request) {
        return llmux.stream(request).collectList().block(Duration.ofSeconds(5));
    }

    @Test
    void should_send_every_sampling_option_and_map_a_text_answer() {
        stubChat(fixture("ollama/chat-text.json"));
        ChatRequest request = ChatRequest.builder().model("ollama/llama3.2")
                .addSystem("Answer in one sentence.")
                .message(ChatMessage.developer("Be exact."))
                .addUser("What is the capital of France?")
                .temperature(0.2).topP(0.9).maxTokens(64).stop(List.of("\n\n")).seed(42L)
                .presencePenalty(0.5).frequencyPenalty(-0.5)
                .extra("top_k", 20).extra("num_ctx", 8192).extra("keep_alive", "10m")
                .build();

        ChatResponse response = llmux.chat(request);

        assertJson(onlyRequestBody(wm), """
                {"model":"llama3.2","messages":[
                  {"role":"system","content":"Answer in one sentence."},
                  {"role":"system","content":"Be exact."},
                  {"role":"user","content":"What is the capital of France?"}],
                 "options":{"temperature":0.2,"top_p":0.9,"num_predict":64,"stop":["\\n\\n"],"seed":42,
                  "presence_penalty":0.5,"frequency_penalty":-0.5,"top_k":20,"num_ctx":8192},
                 "stream":false,"keep_alive":"10m"}""");
        assertJson(response, """
                {"id":"chatcmpl-id1","object":"chat.completion","created":1751919739,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Paris is the capital of France."},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":26,"completion_tokens":8,"total_tokens":34}}""");
        assertThat(response.callInfo().provider()).isEqualTo("ollama");
    }

    @Test
    void should_route_ollama_chat_prefix_to_the_same_endpoint_and_take_keep_alive_from_settings() {
        stubChat(fixture("ollama/chat-text.json"));
        ChatResponse response = llmux.chat(ChatRequest.builder().model("ollama_chat/llama3.2").addUser("hi").build(),
                dev.llmux.CallOptions.defaults().withSettings(ProviderSettings.builder().set("keep_alive", "-1").build()));

        assertJson(onlyRequestBody(wm), """
                {"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"stream":false,"keep_alive":"-1"}""");
        assertThat(response.text()).isEqualTo("Paris is the capital of France.");
    }

    @Test
    void should_send_base64_images_without_the_data_prefix() {
        stubChat(fixture("ollama/chat-text.json"));
        llmux.chat(ChatRequest.builder().model("ollama/llava")
                .message(ChatMessage.user(ContentPart.text("What is in "), ContentPart.text("this picture?"),
                        ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo="),
                        ContentPart.imageUrl("data:image/jpeg;base64,/9j/4AAQ")))
                .build());

        assertJson(onlyRequestBody(wm), """
                {"model":"llava","messages":[{"role":"user","content":"What is in this picture?",
                  "images":["iVBORw0KGgo=","/9j/4AAQ"]}],"stream":false}""");
    }

    @Test
    void should_reject_a_remote_image_url_without_calling_ollama() {
        ChatRequest request = ChatRequest.builder().model("ollama/llava")
                .message(ChatMessage.user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/cat.png")))
                .build();

        assertThatThrownBy(() -> llmux.chat(request))
                .isExactlyInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages[0] has a remote image URL")
                .hasMessageContaining("data:<mime>;base64");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_send_tools_history_and_tool_results_and_map_object_arguments_to_strings() {
        stubChat(fixture("ollama/chat-tool-call.json"));
        ChatRequest request = ChatRequest.builder().model("ollama/llama3.2")
                .addUser("Weather in Paris?")
                .message(ChatMessage.AssistantMessage.builder()
                        .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}")))
                        .reasoningContent("I should look it up.")
                        .build())
                .message(ChatMessage.tool("call_1", "18C and sunny"))
                .addUser("And Tokyo, and the time there?")
                .tool(WEATHER)
                .toolChoice(ToolChoice.AUTO)
                .build();

        ChatResponse response = llmux.chat(request);

        assertJson(onlyRequestBody(wm), """
                {"model":"llama3.2","messages":[
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":"","thinking":"I should look it up.",
                   "tool_calls":[{"id":"call_1","function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},
                  {"role":"tool","content":"18C and sunny","tool_name":"get_weather","tool_call_id":"call_1"},
                  {"role":"user","content":"And Tokyo, and the time there?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
                 "stream":false}""");
        assertJson(response, """
                {"id":"chatcmpl-id2","object":"chat.completion","created":1751919739,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_id1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\",\\"unit\\":\\"celsius\\"}"}},
                   {"id":"call_native7","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":120,"completion_tokens":31,"total_tokens":151}}""");
    }

    @Test
    void should_send_no_tools_for_tool_choice_none() {
        stubChat(fixture("ollama/chat-text.json"));
        llmux.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("hi").tool(WEATHER).toolChoice(ToolChoice.NONE).build());

        assertJson(onlyRequestBody(wm), """
                {"model":"llama3.2","messages":[{"role":"user","content":"hi"}],"stream":false}""");
    }

    @Test
    void should_refuse_a_forced_tool_choice_as_unsupported() {
        ChatRequest request = ChatRequest.builder().model("ollama/llama3.2").addUser("hi").tool(WEATHER)
                .toolChoice(ToolChoice.function("get_weather")).build();

        assertThatThrownBy(() -> llmux.chat(request))
                .isInstanceOf(UnsupportedParamsException.class)
                .hasMessageContaining("cannot force a tool call (tool_choice function)");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_reject_tool_call_arguments_that_are_not_json() {
        ChatRequest request = ChatRequest.builder().model("ollama/llama3.2").addUser("hi")
                .message(ChatMessage.AssistantMessage.builder()
                        .toolCalls(List.of(ToolCall.function("call_9", "get_weather", "{city: Paris"))).build())
                .message(ChatMessage.tool("call_9", "x"))
                .build();

        assertThatThrownBy(() -> llmux.chat(request))
                .isExactlyInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages[1] tool call call_9 has arguments that are not valid JSON");
    }

    @Test
    void should_send_a_json_schema_as_format_and_map_length() {
        stubChat(fixture("ollama/chat-length.json"));
        ChatResponse response = llmux.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("city?")
                .responseFormat(ResponseFormat.jsonSchema("city", Map.of("type", "object",
                        "properties", Map.of("city", Map.of("type", "string"))), true))
                .build());

        assertJson(onlyRequestBody(wm), """
                {"model":"llama3.2","messages":[{"role":"user","content":"city?"}],
                 "format":{"type":"object","properties":{"city":{"type":"string"}}},"stream":false}""");
        assertThat(response.finishReason().value()).isEqualTo("length");
        assertThat(response.text()).isEqualTo("{\"city\":\"Par");
    }

    @Test
    void should_send_format_json_for_json_object() {
        stubChat(fixture("ollama/chat-text.json"));
        llmux.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("json please")
                .responseFormat(ResponseFormat.JSON_OBJECT).build());

        assertJson(onlyRequestBody(wm), """
                {"model":"llama3.2","messages":[{"role":"user","content":"json please"}],"format":"json","stream":false}""");
    }

    @Test
    void should_map_reasoning_effort_to_think_and_thinking_to_reasoning_content() {
        stubChat(fixture("ollama/chat-thinking.json"));
        ChatResponse response = llmux.chat(ChatRequest.builder().model("ollama/qwen3").addUser("Is 17 prime?")
                .reasoningEffort("minimal").build());

        assertJson(onlyRequestBody(wm), """
                {"model":"qwen3","messages":[{"role":"user","content":"Is 17 prime?"}],"stream":false,"think":"low"}""");
        assertJson(response.message(), """
                {"role":"assistant","content":"17 is prime.","reasoning_content":"Check divisors up to 4: none divide 17."}""");
    }

    @Test
    void should_let_an_explicit_think_win_over_reasoning_effort() {
        stubChat(fixture("ollama/chat-thinking.json"));
        llmux.chat(ChatRequest.builder().model("ollama/qwen3").addUser("q").reasoningEffort("high").extra("think", false).build());

        assertThat(onlyRequestBody(wm).get("think").asBoolean()).isFalse();
    }

    @Test
    void should_stream_text_as_chunks_ending_with_finish_and_usage() {
        stubStream(fixture("ollama/stream-text.ndjson"));
        List<ChatChunk> chunks = streamAll(ChatRequest.builder().model("ollama/llama3.2").addUser("Capital of France?").build());

        assertThat(onlyRequestBody(wm).get("stream").asBoolean()).isTrue();
        assertJson(chunks, """
                [{"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"llama3.2","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"llama3.2","choices":[{"index":0,"delta":{"content":"is"},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"llama3.2","choices":[{"index":0,"delta":{"content":"."},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"llama3.2","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"llama3.2","choices":[],"usage":{"prompt_tokens":26,"completion_tokens":3,"total_tokens":29}}]""");
        assertThat(chunks.get(chunks.size() - 1).callInfo()).isNotNull();
    }

    @Test
    void should_stream_thinking_and_whole_tool_calls_with_indexes_and_finish_tool_calls() {
        stubStream(fixture("ollama/stream-thinking-tool.ndjson"));
        List<ChatChunk> chunks = streamAll(ChatRequest.builder().model("ollama/qwen3").addUser("Weather in Tokyo?").tool(WEATHER).build());

        assertJson(chunks, """
                [{"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"qwen3","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"The user wants"},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"qwen3","choices":[{"index":0,"delta":{"reasoning_content":" the weather."},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"qwen3","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_id2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"qwen3","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_abc","type":"function","function":{"name":"get_time","arguments":"{\\"tz\\":\\"Asia/Tokyo\\"}"}}]},"logprobs":null,"finish_reason":null}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"qwen3","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]},
                 {"id":"chatcmpl-id1","object":"chat.completion.chunk","created":1751919739,"model":"qwen3","choices":[],"usage":{"prompt_tokens":88,"completion_tokens":21,"total_tokens":109}}]""");
    }

    @Test
    void should_fail_the_stream_on_an_error_line() {
        stubStream(fixture("ollama/stream-error.ndjson"));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("ollama/llama3.2").addUser("story").build()))
                .assertNext(c -> assertThat(c.text()).isEqualTo("Once"))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(InternalServerException.class)
                        .hasMessageContaining("unexpected EOF"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_a_stream_that_ends_without_the_done_line() {
        stubStream(fixture("ollama/stream-cut.ndjson"));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("ollama/llama3.2").addUser("story").build()))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(ApiConnectionException.class)
                        .hasMessageContaining("done"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_a_stream_with_an_unparseable_line_as_bad_gateway() {
        stubStream("{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"a\"},\"done\":false}\n<html>oops</html>\n");

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("ollama/llama3.2").addUser("x").build()))
                .expectNextCount(1)
                .expectError(BadGatewayException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_map_a_missing_model_to_not_found() {
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("ollama/error-not-found.json"))));

        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("ollama/llama9").addUser("hi").build()))
                .isExactlyInstanceOf(NotFoundException.class)
                .hasMessageContaining("model 'llama9' not found")
                .satisfies(e -> assertThat(((NotFoundException) e).status()).isEqualTo(404));
    }

    @Test
    void should_map_a_streamed_request_error_status_too() {
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(fixture("ollama/error-not-found.json"))));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("ollama/llama9").addUser("hi").build()))
                .expectError(NotFoundException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_map_429_with_retry_after_and_a_context_overflow() {
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                .withBody("{\"error\":\"too many concurrent requests\"}")));
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("hi").build()))
                .isExactlyInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(7)));

        wm.resetAll();
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse().withStatus(400).withBody(fixture("ollama/error-context.json"))));
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("hi").build()))
                .isExactlyInstanceOf(ContextWindowExceededException.class);
    }

    @Test
    void should_map_an_error_inside_a_200_body() {
        stubChat("{\"error\":\"model 'llama9' not found, try pulling it first\"}");

        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("ollama/llama9").addUser("hi").build()))
                .isExactlyInstanceOf(NotFoundException.class);
    }

    @Test
    void should_map_a_body_that_is_not_json_to_bad_gateway() {
        stubChat("<html>proxy error</html>");

        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("hi").build()))
                .isExactlyInstanceOf(BadGatewayException.class)
                .hasMessageContaining("could not parse");
    }

    @Test
    void should_take_the_base_from_the_environment_and_send_a_bearer_key_when_one_is_set() {
        stubChat(fixture("ollama/chat-text.json"));
        try (Llmux envClient = Llmux.builder()
                .provider(new OllamaProvider(StubSupport.sequentialIds()))
                .env(Map.of("OLLAMA_API_BASE", wm.baseUrl(), "OLLAMA_API_KEY", "sk-ollama-test")::get)
                .build()) {
            envClient.chat(ChatRequest.builder().model("ollama/llama3.2").addUser("hi").build());
        }

        wm.verify(postRequestedFor(urlEqualTo("/api/chat")).withHeader("Authorization", equalTo("Bearer sk-ollama-test")));
    }

    @Test
    void should_embed_texts_through_api_embed() {
        wm.stubFor(post(urlEqualTo("/api/embed"))
                .withRequestBody(equalToJson("{\"model\":\"nomic-embed-text\",\"input\":[\"a\",\"b\"],\"dimensions\":3}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture("ollama/embed.json"))));

        EmbeddingResponse response = llmux.embed(new EmbeddingRequest("ollama/nomic-embed-text",
                EmbeddingRequest.Input.texts(List.of("a", "b")), null, 3, null, Map.of()));

        assertJson(response, """
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.25,-0.5,0.125]},
                  {"object":"embedding","index":1,"embedding":[1.0,0.0,-1.0]}],
                 "model":"nomic-embed-text","usage":{"prompt_tokens":8,"total_tokens":8}}""");
    }

    @Test
    void should_map_embedding_errors() {
        wm.stubFor(post(urlEqualTo("/api/embed")).willReturn(aResponse().withStatus(404).withBody(fixture("ollama/error-not-found.json"))));

        assertThatThrownBy(() -> llmux.embed(EmbeddingRequest.of("ollama/llama9", "x")))
                .isExactlyInstanceOf(NotFoundException.class);
    }

    @Test
    void should_refuse_token_array_embedding_input_without_calling_ollama() {
        EmbeddingRequest tokens = new EmbeddingRequest("ollama/nomic-embed-text",
                new EmbeddingRequest.Input(List.of(), List.of(List.of(1, 2, 3)), true), null, null, null, Map.of());

        assertThatThrownBy(() -> llmux.embed(tokens))
                .isExactlyInstanceOf(BadRequestException.class)
                .hasMessageContaining("embeds text only");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
