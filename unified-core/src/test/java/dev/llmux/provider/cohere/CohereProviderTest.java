package dev.llmux.provider.cohere;

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
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.UnsupportedParamsException;
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

class CohereProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Tool WEATHER = Tool.function("get_weather", "Weather for a location",
            Map.of("type", "object", "properties", Map.of("location", Map.of("type", "string"))));

    private static final long NOW = 1767225600L; // the fixed clock: Cohere answers carry no timestamp

    private Llmux llmux;

    @BeforeEach
    void setUp() {
        llmux = Llmux.builder()
                .provider(new CohereProvider())
                .settings("cohere", ProviderSettings.builder().apiBase(wm.baseUrl()).apiKey("co-test-key").build())
                .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
                .env(name -> null)
                .build();
    }

    @AfterEach
    void tearDown() {
        llmux.close();
    }

    private static void stubChat(int status, String body) {
        wm.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static void stubStream(String sse) {
        wm.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse).withChunkedDribbleDelay(9, 60)));
    }

    private List<ChatChunk> streamAll(ChatRequest request) {
        return llmux.stream(request).collectList().block(Duration.ofSeconds(5));
    }

    private static ChatRequest.Builder chat() {
        return ChatRequest.builder().model("cohere/command-a-03-2025");
    }

    @Test
    void should_send_sampling_params_documents_and_keep_citations() {
        stubChat(200, fixture("cohere/chat-text-citations.json"));
        ChatRequest request = chat()
                .addSystem("Answer from the documents.")
                .addUser("Which penguins are tallest?")
                .temperature(0.3).topP(0.8).maxCompletionTokens(200).stop(List.of("END")).seed(7L)
                .frequencyPenalty(0.1).presencePenalty(0.2)
                .extra("top_k", 40)
                .extra("documents", List.of(Map.of("id", "doc:0", "data", Map.of("title", "Tall penguins", "snippet", "Emperor penguins are the tallest."))))
                .extra("safety_mode", "CONTEXTUAL")
                .build();

        ChatResponse response = llmux.chat(request);

        wm.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer co-test-key")));
        assertJson(onlyRequestBody(wm), """
                {"model":"command-a-03-2025","messages":[
                  {"role":"system","content":"Answer from the documents."},
                  {"role":"user","content":"Which penguins are tallest?"}],
                 "documents":[{"id":"doc:0","data":{"title":"Tall penguins","snippet":"Emperor penguins are the tallest."}}],
                 "safety_mode":"CONTEXTUAL","temperature":0.3,"p":0.8,"k":40,"max_tokens":200,"stop_sequences":["END"],
                 "seed":7,"frequency_penalty":0.1,"presence_penalty":0.2,"stream":false}""");
        assertJson(response, """
                {"id":"5a50480a-cf52-46f0-af01-53d18539bd31","object":"chat.completion","created":1767225600,"model":"command-a-03-2025",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"The tallest penguins are emperor penguins.",
                   "annotations":[
                     {"type":"url_citation","url_citation":{"start_index":25,"end_index":41,"title":"Tall penguins","url":"https://example.org/penguins"}},
                     {"type":"url_citation","url_citation":{"start_index":0,"end_index":20,"title":"","url":"source:doc:1"}}]},
                   "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1021,"completion_tokens":60,"total_tokens":1081,"prompt_tokens_details":{"cached_tokens":512}},
                 "citations":[
                   {"start":25,"end":41,"text":"emperor penguins","sources":[{"type":"document","id":"doc:0","document":{"id":"doc:0","title":"Tall penguins","snippet":"Emperor penguins are the tallest.","url":"https://example.org/penguins"}}]},
                   {"start":0,"end":20,"text":"The tallest penguins","sources":[{"type":"document","id":"doc:1","document":{"id":"doc:1","snippet":"Growing up to 122 cm."}}]}]}""");
    }

    @Test
    void should_send_tools_history_and_results_and_map_a_tool_call_with_its_plan() {
        stubChat(200, fixture("cohere/chat-tool-call.json"));
        ChatRequest request = chat()
                .message(ChatMessage.user(ContentPart.text("Weather here?"), ContentPart.imageUrl("https://example.com/street.jpg", "low")))
                .message(ChatMessage.AssistantMessage.builder().content("Let me check.")
                        .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"location\":\"Berlin\"}"))).build())
                .message(ChatMessage.tool("call_1", "{\"temp\":12}"))
                .message(ChatMessage.assistant("12 degrees in Berlin."))
                .addUser("And Paris?")
                .tool(WEATHER).toolChoice(ToolChoice.REQUIRED)
                .build();

        ChatResponse response = llmux.chat(request);

        assertJson(onlyRequestBody(wm), """
                {"model":"command-a-03-2025","messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather here?"},{"type":"image_url","image_url":{"url":"https://example.com/street.jpg","detail":"low"}}]},
                  {"role":"assistant","tool_plan":"Let me check.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Berlin\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"{\\"temp\\":12}"},
                  {"role":"assistant","content":"12 degrees in Berlin."},
                  {"role":"user","content":"And Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a location",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}}}}}],
                 "tool_choice":"REQUIRED","stream":false}""");
        assertJson(response, """
                {"id":"c14c80c3-18eb-4519-9460-6c92edd8cfb4","object":"chat.completion","created":1767225600,"model":"command-a-03-2025",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"I will look up the weather.","tool_calls":[
                   {"id":"get_weather_1byjy32y4hvq","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":912,"completion_tokens":40,"total_tokens":952}}""");
    }

    @Test
    void should_map_tool_choice_none_and_refuse_a_named_tool() {
        stubChat(200, fixture("cohere/chat-tool-call.json"));
        llmux.chat(chat().addUser("hi").tool(WEATHER).toolChoice(ToolChoice.NONE).build());
        assertThat(onlyRequestBody(wm).get("tool_choice").asString()).isEqualTo("NONE");

        assertThatThrownBy(() -> llmux.chat(chat().addUser("hi").tool(WEATHER).toolChoice(ToolChoice.function("get_weather")).build()))
                .isInstanceOf(UnsupportedParamsException.class)
                .hasMessageContaining("cannot force one named tool");
    }

    @Test
    void should_send_a_json_schema_as_json_object_with_schema_and_thinking_from_reasoning_effort() {
        stubChat(200, fixture("cohere/chat-thinking.json"));
        ChatResponse response = llmux.chat(chat().addUser("Is 17 prime?")
                .message(ChatMessage.AssistantMessage.builder().content("Let me think.").reasoningContent("earlier thought").build())
                .addUser("Answer as JSON.")
                .responseFormat(ResponseFormat.jsonSchema("answer", Map.of("type", "object"), true))
                .reasoningEffort("high").build());

        assertJson(onlyRequestBody(wm), """
                {"model":"command-a-03-2025","messages":[
                  {"role":"user","content":"Is 17 prime?"},
                  {"role":"assistant","content":[{"type":"thinking","thinking":"earlier thought"},{"type":"text","text":"Let me think."}]},
                  {"role":"user","content":"Answer as JSON."}],
                 "response_format":{"type":"json_object","json_schema":{"type":"object"}},
                 "thinking":{"type":"enabled"},"stream":false}""");
        assertJson(response.choices().get(0), """
                {"index":0,"message":{"role":"assistant","content":"Yes, 17 is","reasoning_content":"17 has no divisor below 5."},
                 "logprobs":null,"finish_reason":"length"}""");
    }

    @Test
    void should_pass_an_explicit_thinking_budget_and_json_object() {
        stubChat(200, fixture("cohere/chat-thinking.json"));
        llmux.chat(chat().addUser("q").responseFormat(ResponseFormat.JSON_OBJECT)
                .extra("thinking", Map.of("type", "enabled", "token_budget", 2048)).build());

        assertJson(onlyRequestBody(wm), """
                {"model":"command-a-03-2025","messages":[{"role":"user","content":"q"}],
                 "response_format":{"type":"json_object"},"thinking":{"type":"enabled","token_budget":2048},"stream":false}""");
    }

    @Test
    void should_turn_finish_reason_error_into_an_exception() {
        stubChat(200, fixture("cohere/chat-finish-error.json"));

        assertThatThrownBy(() -> llmux.chat(chat().addUser("q").build()))
                .isExactlyInstanceOf(InternalServerException.class)
                .hasMessageContaining("finish_reason ERROR");
    }

    @Test
    void should_reject_audio_content() {
        ChatRequest request = chat().message(ChatMessage.user(ContentPart.text("listen"),
                new ContentPart.InputAudio(new ContentPart.InputAudio.Audio("UklGRg==", "wav")))).build();

        assertThatThrownBy(() -> llmux.chat(request))
                .isExactlyInstanceOf(BadRequestException.class)
                .hasMessageContaining("messages[0] has a input_audio part");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_stream_text_with_citations_on_the_finish_chunk_and_usage_last() {
        stubStream(fixture("cohere/stream-text.sse"));
        List<ChatChunk> chunks = streamAll(chat().addUser("Which penguins are tallest?").build());

        assertThat(onlyRequestBody(wm).get("stream").asBoolean()).isTrue();
        wm.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Accept", equalTo("text/event-stream")));
        String id = "\"id\":\"29f14a5a-11de-4cae-9800-25e4747408ea\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"command-a-03-2025\"";
        assertJson(chunks, ("""
                [{%s,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":"Emperor"},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":" penguins"},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":" are tallest."},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],
                  "citations":[{"start":0,"end":16,"text":"Emperor penguins","sources":[{"type":"document","id":"doc:0","document":{"id":"doc:0","title":"Tall penguins","snippet":"Emperor penguins are the tallest."}}]}]},
                 {%s,"choices":[],"usage":{"prompt_tokens":1021,"completion_tokens":7,"total_tokens":1028}}]""").replace("%s", id));
    }

    @Test
    void should_stream_the_tool_plan_as_text_and_tool_call_fragments_by_index() {
        stubStream(fixture("cohere/stream-tool-call.sse"));
        List<ChatChunk> chunks = streamAll(chat().addUser("Weather in Paris?").tool(WEATHER).build());

        String id = "\"id\":\"29f14a5a-11de-4cae-9800-25e4747408ea\",\"object\":\"chat.completion.chunk\",\"created\":1767225600,\"model\":\"command-a-03-2025\"";
        assertJson(chunks, ("""
                [{%s,"choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":"I will"},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":" check the weather."},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"get_weather_nsz5zm3w56q3","type":"function","function":{"name":"get_weather","arguments":""}}]},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"loc"}}]},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ation\\":\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]},
                 {%s,"choices":[],"usage":{"prompt_tokens":912,"completion_tokens":40,"total_tokens":952,"prompt_tokens_details":{"cached_tokens":256}}}]""").replace("%s", id));
    }

    @Test
    void should_stream_thinking_as_reasoning_content() {
        stubStream(fixture("cohere/stream-thinking.sse"));
        List<ChatChunk> chunks = streamAll(chat().addUser("Is 17 prime?").build());

        assertThat(chunks).extracting(c -> c.choices().isEmpty() ? null : c.choices().get(0).delta().reasoningContent())
                .containsExactly(null, "Check divisors.", null, null, null);
        assertThat(chunks).extracting(ChatChunk::text).containsExactly("", null, "Prime.", null, null);
        assertThat(chunks.get(3).choices().get(0).finishReason().value()).isEqualTo("length");
    }

    @Test
    void should_fail_a_stream_cut_before_message_end() {
        stubStream(fixture("cohere/stream-cut.sse"));

        StepVerifier.create(llmux.stream(chat().addUser("q").build()))
                .expectNextCount(3)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(ApiConnectionException.class)
                        .hasMessageContaining("message-end"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_a_stream_whose_message_end_reports_error() {
        stubStream(fixture("cohere/stream-finish-error.sse"));

        StepVerifier.create(llmux.stream(chat().addUser("q").build()))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(InternalServerException.class)
                        .hasMessageContaining("internal inference failure"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_map_a_timeout_finish_to_a_request_timeout() {
        stubStream("event: message-start\ndata: {\"type\":\"message-start\",\"id\":\"x\"}\n\n"
                + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TIMEOUT\"}}\n\n");

        StepVerifier.create(llmux.stream(chat().addUser("q").build()))
                .expectNextCount(1)
                .expectError(RequestTimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_a_stream_with_a_malformed_event_as_bad_gateway() {
        stubStream("event: message-start\ndata: {\"type\":\"message-start\",\"id\":\"x\"}\n\nevent: content-delta\ndata: {not json\n\n");

        StepVerifier.create(llmux.stream(chat().addUser("q").build()))
                .expectNextCount(1)
                .expectError(BadGatewayException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_map_http_errors() {
        stubChat(401, fixture("cohere/error-unauthorized.json"));
        assertThatThrownBy(() -> llmux.chat(chat().addUser("q").build()))
                .isExactlyInstanceOf(AuthenticationException.class).hasMessageContaining("invalid api token");

        wm.resetAll();
        stubChat(498, fixture("cohere/error-unauthorized.json"));
        assertThatThrownBy(() -> llmux.chat(chat().addUser("q").build())).isExactlyInstanceOf(AuthenticationException.class);

        wm.resetAll();
        wm.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withBody(fixture("cohere/error-rate-limit.json"))));
        assertThatThrownBy(() -> llmux.chat(chat().addUser("q").build()))
                .isExactlyInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(30)));

        wm.resetAll();
        stubChat(200, "not json at all");
        assertThatThrownBy(() -> llmux.chat(chat().addUser("q").build())).isExactlyInstanceOf(BadGatewayException.class);
    }

    @Test
    void should_map_an_http_error_on_a_stream() {
        stubChat(401, fixture("cohere/error-unauthorized.json"));

        StepVerifier.create(llmux.stream(chat().addUser("q").build()))
                .expectError(AuthenticationException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_take_the_key_from_co_api_key_and_fail_clearly_without_one() {
        stubChat(200, fixture("cohere/chat-thinking.json"));
        try (Llmux envClient = Llmux.builder().provider(new CohereProvider())
                .env(Map.of("CO_API_KEY", "co-env-key", "COHERE_API_BASE", wm.baseUrl())::get).build()) {
            envClient.chat(chat().addUser("q").build());
        }
        wm.verify(postRequestedFor(urlEqualTo("/v2/chat")).withHeader("Authorization", equalTo("Bearer co-env-key")));

        try (Llmux noKey = Llmux.builder().provider(new CohereProvider()).env(name -> null).build()) {
            assertThatThrownBy(() -> noKey.chat(chat().addUser("q").build()))
                    .isExactlyInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("COHERE_API_KEY / CO_API_KEY");
        }
    }

    @Test
    void should_embed_with_search_document_by_default() {
        wm.stubFor(post(urlEqualTo("/v2/embed"))
                .withRequestBody(equalToJson("""
                        {"model":"embed-v4.0","texts":["hello","goodbye"],"input_type":"search_document","embedding_types":["float"]}"""))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture("cohere/embed.json"))));

        EmbeddingResponse response = llmux.embed(EmbeddingRequest.of("cohere/embed-v4.0", "hello", "goodbye"));

        assertJson(response, """
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.016296387,-0.008354187,-0.04699707]},
                  {"object":"embedding","index":1,"embedding":[0.25,0.5,-0.75]}],
                 "model":"embed-v4.0","usage":{"prompt_tokens":2,"total_tokens":2}}""");
    }

    @Test
    void should_embed_with_an_explicit_input_type_and_dimension() {
        wm.stubFor(post(urlEqualTo("/v2/embed"))
                .withRequestBody(equalToJson("""
                        {"model":"embed-v4.0","texts":["q"],"input_type":"search_query","embedding_types":["float"],"output_dimension":256}"""))
                .willReturn(aResponse().withStatus(200).withBody(fixture("cohere/embed.json"))));

        EmbeddingResponse response = llmux.embed(new EmbeddingRequest("cohere/embed-v4.0", EmbeddingRequest.Input.text("q"), null, 256,
                null, Map.of("input_type", "search_query")));

        assertThat(response.data()).hasSize(2);
    }

    @Test
    void should_map_cohere_499_to_a_retryable_server_error() {
        stubChat(499, "{\"id\":\"e\",\"message\":\"request cancelled\"}");

        assertThatThrownBy(() -> llmux.chat(chat().addUser("q").build()))
                .isExactlyInstanceOf(InternalServerException.class)
                .satisfies(e -> assertThat(((InternalServerException) e).isRetryable()).isTrue());
    }
}
