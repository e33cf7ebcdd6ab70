package dev.llmux.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.gemini.GeminiFixtures.json;
import static dev.llmux.provider.gemini.GeminiFixtures.sse;
import static dev.llmux.provider.gemini.GeminiFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.ContentPolicyViolationException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class GeminiStreamTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String STREAM_URL = "/v1beta/models/%s:streamGenerateContent?alt=sse";
    private static Llmux llmux;

    @BeforeAll
    static void setUp() {
        llmux = Llmux.builder()
                .clock(GeminiFixtures.CLOCK)
                .env(name -> null)
                .settings("gemini", ProviderSettings.of(Map.of("api_key", "test-gemini-key", "api_base", wm.baseUrl())))
                .build();
        // Warm the transport up once (class loading, first connection) so the per-test 5 s verify bounds only the stream.
        wm.stubFor(post(urlEqualTo("/v1beta/models/warm-up:generateContent")).willReturn(json(200, "text-response.json")));
        llmux.chat(ChatRequest.builder().model("gemini/warm-up").addUser("hi").build());
    }

    @BeforeEach
    void forgetWarmUp() {
        wm.resetRequests();
    }

    @AfterAll
    static void tearDown() {
        llmux.close();
    }

    private List<ChatChunk> collect(String model) {
        List<ChatChunk> chunks = new ArrayList<>();
        StepVerifier.create(llmux.stream(ChatRequest.builder().model("gemini/" + model).addUser("Hi").build()))
                .recordWith(() -> chunks)
                .thenConsumeWhile(c -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        return chunks;
    }

    private static JsonNode wire(List<ChatChunk> chunks) {
        return Json.tree(Json.write(chunks));
    }

    @Test
    void should_stream_text_deltas_from_crlf_events_then_finish_then_usage() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash"))).willReturn(sse("stream-text.sse")));

        List<ChatChunk> chunks = collect("gemini-2.5-flash");

        wm.verify(postRequestedFor(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash")))
                .withHeader("x-goog-api-key", equalTo("test-gemini-key")));
        assertThat(GeminiFixtures.onlyRequestBody(wm)).isEqualTo(tree("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}"));
        long t = GeminiFixtures.NOW.getEpochSecond();
        assertThat(wire(chunks)).isEqualTo(tree("""
                [{"id":"resp-stream-1","object":"chat.completion.chunk","created":%1$d,"model":"gemini-2.5-flash",
                  "choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"logprobs":null,"finish_reason":null}]},
                 {"id":"resp-stream-1","object":"chat.completion.chunk","created":%1$d,"model":"gemini-2.5-flash",
                  "choices":[{"index":0,"delta":{"content":"lo there"},"logprobs":null,"finish_reason":null}]},
                 {"id":"resp-stream-1","object":"chat.completion.chunk","created":%1$d,"model":"gemini-2.5-flash",
                  "choices":[{"index":0,"delta":{"content":"!"},"logprobs":null,"finish_reason":null}]},
                 {"id":"resp-stream-1","object":"chat.completion.chunk","created":%1$d,"model":"gemini-2.5-flash",
                  "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]},
                 {"id":"resp-stream-1","object":"chat.completion.chunk","created":%1$d,"model":"gemini-2.5-flash",
                  "choices":[],"usage":{"prompt_tokens":4,"completion_tokens":3,"total_tokens":7}}]""".formatted(t)));
    }

    @Test
    void should_stream_thoughts_and_whole_function_calls_with_indexes() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-3-pro-preview"))).willReturn(sse("stream-tools-thoughts.sse")));

        List<ChatChunk> chunks = collect("gemini-3-pro-preview");

        String id0 = chunks.get(1).choices().get(0).delta().toolCalls().get(0).id();
        String id1 = chunks.get(2).choices().get(0).delta().toolCalls().get(0).id();
        assertThat(id0).matches("call_[A-Za-z0-9]{24}__thought__c2lnLWNhbGwtMQ==");
        assertThat(id1).matches("call_[A-Za-z0-9]{24}");
        String json = Json.writeString(chunks).replace(id0, "ID0").replace(id1, "ID1");
        long t = GeminiFixtures.NOW.getEpochSecond();
        assertThat(tree(json)).isEqualTo(tree("""
                [{"id":"resp-stream-2","object":"chat.completion.chunk","created":%1$d,"model":"gemini-3-pro-preview",
                  "choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Need the weather first."},"logprobs":null,"finish_reason":null}]},
                 {"id":"resp-stream-2","object":"chat.completion.chunk","created":%1$d,"model":"gemini-3-pro-preview",
                  "choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"ID0","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":null}]},
                 {"id":"resp-stream-2","object":"chat.completion.chunk","created":%1$d,"model":"gemini-3-pro-preview",
                  "choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"ID1","type":"function",
                    "function":{"name":"get_time","arguments":"{\\"zone\\":\\"CET\\"}"}}]},"logprobs":null,"finish_reason":null}]},
                 {"id":"resp-stream-2","object":"chat.completion.chunk","created":%1$d,"model":"gemini-3-pro-preview",
                  "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]},
                 {"id":"resp-stream-2","object":"chat.completion.chunk","created":%1$d,"model":"gemini-3-pro-preview","choices":[],
                  "usage":{"prompt_tokens":50,"completion_tokens":31,"total_tokens":81,
                    "prompt_tokens_details":{"cached_tokens":32},"completion_tokens_details":{"reasoning_tokens":20}}}]""".formatted(t)));
    }

    @Test
    void should_fail_with_connection_error_when_stream_ends_without_finish_reason() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash"))).willReturn(sse("stream-cut.sse")));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Hi").build()))
                .assertNext(c -> assertThat(c.text()).isEqualTo("Once upon"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiConnectionException.class).hasMessageContaining("finishReason"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_with_mapped_error_when_error_arrives_inside_stream() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash"))).willReturn(sse("stream-error.sse")));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Hi").build()))
                .assertNext(c -> assertThat(c.text()).isEqualTo("Partial"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ServiceUnavailableException.class)
                        .hasMessageContaining("The model is overloaded"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_with_content_policy_when_stream_reports_blocked_prompt() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash"))).willReturn(sse("stream-blocked.sse")));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Hi").build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ContentPolicyViolationException.class).hasMessageContaining("SAFETY"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_with_rate_limit_and_retry_after_when_stream_request_is_rejected() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash"))).willReturn(json(429, "error-429-retry.json")));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Hi").build()))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(RateLimitException.class);
                    assertThat(((RateLimitException) e).retryAfter()).contains(Duration.ofSeconds(34));
                    assertThat(((RateLimitException) e).isQuotaExhausted()).isFalse();
                })
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_with_bad_gateway_when_an_event_is_not_json() {
        wm.stubFor(post(urlEqualTo(STREAM_URL.formatted("gemini-2.5-flash"))).willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                .withStatus(200).withHeader("Content-Type", "text/event-stream").withBody("data: {\"candidates\":[{\"content\n\n")));

        StepVerifier.create(llmux.stream(ChatRequest.builder().model("gemini/gemini-2.5-flash").addUser("Hi").build()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.llmux.error.BadGatewayException.class))
                .verify(Duration.ofSeconds(5));
    }
}
