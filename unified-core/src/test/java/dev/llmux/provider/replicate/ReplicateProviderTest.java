package dev.llmux.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.llmux.provider.StubSupport.assertJson;
import static dev.llmux.provider.StubSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.Tool;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.RequestTimeoutException;
import dev.llmux.error.UnprocessableEntityException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ReplicateProviderTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String ID = "ufawqhfynnddngldkgtslldrkq";
    private static final String CREATE = "/v1/models/meta/meta-llama-3-8b-instruct/predictions";
    private static final String POLL = "/v1/predictions/" + ID;
    private static final String MODEL = "replicate/meta/meta-llama-3-8b-instruct";

    /** A clock that moves only when the provider sleeps between polls, so deadlines are exact. */
    static final class StepClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    private final StepClock clock = new StepClock();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private Llmux llmux;

    @BeforeEach
    void setUp() {
        llmux = client(Map.of("api_key", "r8_test", "poll_interval", "0.5", "prediction_timeout", "3"));
    }

    @AfterEach
    void tearDown() {
        llmux.close();
    }

    private Llmux client(Map<String, String> settings) {
        ProviderSettings.Builder s = ProviderSettings.builder().apiBase(wm.baseUrl());
        settings.forEach(s::set);
        return Llmux.builder()
                .provider(new ReplicateProvider(delay -> Mono.fromRunnable(() -> {
                    sleeps.add(delay);
                    clock.now.updateAndGet(t -> t.plus(delay));
                })))
                .settings("replicate", s.build())
                .clock(clock)
                .env(name -> null)
                .build();
    }

    private static String fx(String name) {
        return fixture("replicate/" + name).replace("{{BASE}}", wm.baseUrl());
    }

    private static void stubCreate(String path, int status, String body) {
        wm.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** GET {@code POLL} answers each body in turn, the last one from then on. */
    private static void stubPolls(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            String state = i == 0 ? STARTED : "poll-" + i;
            var stub = get(urlEqualTo(POLL)).inScenario("poll").whenScenarioStateIs(state)
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(bodies[i]));
            wm.stubFor(i < bodies.length - 1 ? stub.willSetStateTo("poll-" + (i + 1)) : stub);
        }
    }

    private static ChatRequest.Builder chat() {
        return ChatRequest.builder().model(MODEL);
    }

    private static String createBody() {
        List<LoggedRequest> creates = wm.findAll(postRequestedFor(urlEqualTo(CREATE)));
        assertThat(creates).hasSize(1);
        return creates.get(0).getBodyAsString();
    }

    @Test
    void should_create_a_prediction_poll_until_succeeded_and_join_the_output() {
        stubCreate(CREATE, 201, fx("create-starting.json"));
        stubPolls(fx("poll-processing.json"), fx("poll-processing.json"), fx("poll-succeeded.json"));

        ChatResponse response = llmux.chat(chat().addSystem("You tell short stories.").addUser("Tell me a story")
                .maxTokens(128).temperature(0.7).topP(0.9).seed(3L).stop(List.of("<end>", "THE END")).extra("top_k", 50).build());

        assertJson(Json.tree(createBody()), """
                {"input":{"prompt":"Tell me a story","system_prompt":"You tell short stories.","max_new_tokens":128,
                  "temperature":0.7,"top_p":0.9,"top_k":50,"seed":3,"stop_sequences":"<end>,THE END"}}""");
        wm.verify(postRequestedFor(urlEqualTo(CREATE)).withHeader("Authorization", equalTo("Bearer r8_test"))
                .withHeader("Prefer", absent()));
        wm.verify(3, getRequestedFor(urlEqualTo(POLL)).withHeader("Authorization", equalTo("Bearer r8_test")));
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
        assertJson(response, """
                {"id":"ufawqhfynnddngldkgtslldrkq","object":"chat.completion","created":1754049600,"model":"meta/meta-llama-3-8b-instruct",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Once upon a time."},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}""");
    }

    @Test
    void should_write_a_conversation_as_a_transcript_and_merge_extra_input() {
        stubCreate(CREATE, 201, fx("poll-succeeded.json"));
        llmux.chat(chat().addUser("Hi").message(ChatMessage.assistant("Hello!")).addUser("Tell me a story")
                .extra("input", Map.of("min_new_tokens", 10)).build());

        assertJson(Json.tree(createBody()), """
                {"input":{"min_new_tokens":10,"prompt":"User: Hi\\n\\nAssistant: Hello!\\n\\nUser: Tell me a story\\n\\nAssistant:"}}""");
        wm.verify(0, getRequestedFor(urlEqualTo(POLL)));
    }

    @Test
    void should_use_the_versioned_endpoint_and_prefer_wait() {
        String version = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
        stubCreate("/v1/predictions", 201, fx("poll-succeeded.json"));
        try (Llmux waiting = client(Map.of("api_key", "r8_test", "prefer_wait", "true"))) {
            ChatResponse response = waiting.chat(ChatRequest.builder().model("replicate/meta/llama-2-70b-chat:" + version).addUser("hi").build());
            assertThat(response.text()).isEqualTo("Once upon a time.");
        }

        wm.verify(postRequestedFor(urlEqualTo("/v1/predictions")).withHeader("Prefer", equalTo("wait")));
        LoggedRequest create = wm.findAll(postRequestedFor(urlEqualTo("/v1/predictions"))).get(0);
        assertJson(Json.tree(create.getBodyAsString()), """
                {"version":"%s","input":{"prompt":"hi"}}""".formatted(version));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void should_use_the_deployments_endpoint() {
        stubCreate("/v1/deployments/acme/my-llama/predictions", 201, fx("poll-succeeded.json"));

        assertThat(llmux.chat(ChatRequest.builder().model("replicate/deployments/acme/my-llama").addUser("hi").build()).text())
                .isEqualTo("Once upon a time.");
    }

    @Test
    void should_map_a_failed_prediction_with_its_error_text() {
        stubCreate(CREATE, 201, fx("create-starting.json"));
        stubPolls(fx("poll-processing.json"), fx("poll-failed.json"));

        assertThatThrownBy(() -> llmux.chat(chat().addUser("Tell me a story").build()))
                .isExactlyInstanceOf(InternalServerException.class)
                .hasMessageContaining("CUDA out of memory");
        wm.verify(2, getRequestedFor(urlEqualTo(POLL)));
    }

    @Test
    void should_cancel_the_prediction_and_time_out_past_the_deadline() {
        stubCreate(CREATE, 201, fx("create-starting.json"));
        stubPolls(fx("poll-processing.json"));
        wm.stubFor(post(urlEqualTo(POLL + "/cancel")).willReturn(aResponse().withStatus(200).withBody(fx("poll-failed.json"))));

        assertThatThrownBy(() -> llmux.chat(chat().addUser("Tell me a story").build()))
                .isExactlyInstanceOf(RequestTimeoutException.class)
                .hasMessageContaining("did not finish within 3000 ms")
                .hasMessageContaining("it was canceled");
        // 3 s deadline, 0.5 s between polls: the sixth poll lands on the deadline
        wm.verify(6, getRequestedFor(urlEqualTo(POLL)));
        wm.verify(1, postRequestedFor(urlEqualTo(POLL + "/cancel")).withHeader("Authorization", equalTo("Bearer r8_test")));
    }

    @Test
    void should_still_time_out_when_the_cancel_call_fails() {
        stubCreate(CREATE, 201, fx("create-starting.json"));
        stubPolls(fx("poll-processing.json"));
        wm.stubFor(post(urlEqualTo(POLL + "/cancel")).willReturn(aResponse().withStatus(500)));

        assertThatThrownBy(() -> llmux.chat(chat().addUser("x").build())).isExactlyInstanceOf(RequestTimeoutException.class);
        wm.verify(1, postRequestedFor(urlEqualTo(POLL + "/cancel")));
    }

    @Test
    void should_refuse_to_send_the_key_to_another_origin() {
        stubCreate(CREATE, 201, fx("create-foreign-urls.json"));

        assertThatThrownBy(() -> llmux.chat(chat().addUser("x").build()))
                .isExactlyInstanceOf(BadGatewayException.class)
                .hasMessageContaining("https://attacker.example")
                .hasMessageContaining("refusing to send the API key");
    }

    @Test
    void should_map_http_errors_and_malformed_bodies() {
        stubCreate(CREATE, 401, fixture("replicate/error-unauthenticated.json"));
        assertThatThrownBy(() -> llmux.chat(chat().addUser("x").build()))
                .isExactlyInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Unauthenticated: You did not pass a valid authentication token");

        wm.resetAll();
        stubCreate(CREATE, 422, fixture("replicate/error-validation.json"));
        assertThatThrownBy(() -> llmux.chat(chat().addUser("x").build()))
                .isExactlyInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("input.max_new_tokens");

        wm.resetAll();
        stubCreate(CREATE, 201, "{\"id\":\"x\"");
        assertThatThrownBy(() -> llmux.chat(chat().addUser("x").build())).isExactlyInstanceOf(BadGatewayException.class);

        wm.resetAll();
        stubCreate(CREATE, 201, "{\"id\":\"x\",\"status\":\"starting\"}");
        assertThatThrownBy(() -> llmux.chat(chat().addUser("x").build()))
                .isExactlyInstanceOf(BadGatewayException.class).hasMessageContaining("no urls.get");
    }

    @Test
    void should_require_a_key_and_an_owner_slash_name_model() {
        try (Llmux noKey = Llmux.builder().provider(new ReplicateProvider()).env(name -> null).build()) {
            assertThatThrownBy(() -> noKey.chat(chat().addUser("x").build()))
                    .isExactlyInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("REPLICATE_API_KEY / REPLICATE_API_TOKEN");
        }
        assertThatThrownBy(() -> llmux.chat(ChatRequest.builder().model("replicate/llama").addUser("x").build()))
                .isExactlyInstanceOf(BadRequestException.class)
                .hasMessageContaining("must be owner/name");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_take_the_token_from_the_environment() {
        stubCreate(CREATE, 201, fx("poll-succeeded.json"));
        try (Llmux envClient = Llmux.builder().provider(new ReplicateProvider())
                .settings("replicate", ProviderSettings.builder().apiBase(wm.baseUrl()).build())
                .env(Map.of("REPLICATE_API_TOKEN", "r8_env")::get).build()) {
            envClient.chat(chat().addUser("x").build());
        }
        wm.verify(postRequestedFor(urlEqualTo(CREATE)).withHeader("Authorization", equalTo("Bearer r8_env")));
    }

    @Test
    void should_declare_tools_unsupported() {
        ChatRequest request = chat().addUser("x").tool(Tool.function("f", null, Map.of("type", "object"))).build();

        assertThatThrownBy(() -> llmux.chat(request)).isInstanceOf(UnsupportedParamsException.class).hasMessageContaining("tools");
        assertThat(wm.getAllServeEvents()).isEmpty();

        stubCreate(CREATE, 201, fx("poll-succeeded.json"));
        assertThat(llmux.chat(request, CallOptions.defaults().withDropParams(true)).text()).isEqualTo("Once upon a time.");
        assertJson(Json.tree(createBody()), """
                {"input":{"prompt":"x"}}""");
    }

    @Test
    void should_stream_output_events_then_usage_from_the_finished_prediction() {
        stubCreate(CREATE, 201, fx("create-starting.json"));
        wm.stubFor(get(urlEqualTo("/v1/streams/" + ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(fixture("replicate/stream-output.sse")).withChunkedDribbleDelay(6, 50)));
        stubPolls(fx("poll-succeeded.json"));

        List<ChatChunk> chunks = llmux.stream(chat().addUser("Tell me a story").build()).collectList().block(Duration.ofSeconds(5));

        assertJson(Json.tree(createBody()), """
                {"input":{"prompt":"Tell me a story"},"stream":true}""");
        wm.verify(getRequestedFor(urlEqualTo("/v1/streams/" + ID)).withHeader("Accept", equalTo("text/event-stream")));
        String head = "\"id\":\"ufawqhfynnddngldkgtslldrkq\",\"object\":\"chat.completion.chunk\",\"created\":1754049600,\"model\":\"meta/meta-llama-3-8b-instruct\"";
        assertJson(chunks, ("""
                [{%s,"choices":[{"index":0,"delta":{"role":"assistant","content":"Once"},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":" upon"},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{"content":" a time\\n"},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]},
                 {%s,"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}]""").replace("%s", head));
    }

    @Test
    void should_emulate_a_stream_when_there_is_no_stream_url() {
        stubCreate(CREATE, 201, fx("create-starting-no-stream.json"));
        stubPolls(fx("poll-processing.json"), fx("poll-succeeded.json"));

        List<ChatChunk> chunks = llmux.stream(chat().addUser("Tell me a story").build()).collectList().block(Duration.ofSeconds(5));

        String head = "\"id\":\"ufawqhfynnddngldkgtslldrkq\",\"object\":\"chat.completion.chunk\",\"created\":1754049600,\"model\":\"meta/meta-llama-3-8b-instruct\"";
        assertJson(chunks, ("""
                [{%s,"choices":[{"index":0,"delta":{"role":"assistant","content":"Once upon a time."},"logprobs":null,"finish_reason":null}]},
                 {%s,"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]},
                 {%s,"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17}}]""").replace("%s", head));
    }

    @Test
    void should_fail_an_emulated_stream_when_the_prediction_fails() {
        stubCreate(CREATE, 201, fx("create-starting-no-stream.json"));
        stubPolls(fx("poll-failed.json"));

        StepVerifier.create(llmux.stream(chat().addUser("x").build()))
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(InternalServerException.class).hasMessageContaining("CUDA"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_the_stream_on_an_error_event() {
        stubStreamBody("stream-error.sse");

        StepVerifier.create(llmux.stream(chat().addUser("x").build()))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(InternalServerException.class)
                        .hasMessageContaining("Prediction failed: model crashed"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_the_stream_when_done_reports_a_cancel() {
        stubStreamBody("stream-canceled.sse");

        StepVerifier.create(llmux.stream(chat().addUser("x").build()))
                .expectNextCount(1)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(InternalServerException.class)
                        .hasMessageContaining("prediction canceled"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void should_fail_a_stream_cut_before_done() {
        stubStreamBody("stream-cut.sse");

        StepVerifier.create(llmux.stream(chat().addUser("x").build()))
                .expectNextCount(2)
                .expectErrorSatisfies(e -> assertThat(e).isExactlyInstanceOf(ApiConnectionException.class).hasMessageContaining("done"))
                .verify(Duration.ofSeconds(5));
    }

    private static void stubStreamBody(String fixtureName) {
        stubCreate(CREATE, 201, fx("create-starting.json"));
        wm.stubFor(get(urlEqualTo("/v1/streams/" + ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(fixture("replicate/" + fixtureName))));
    }

    @Test
    void should_reject_bad_settings_and_more_than_one_image_before_calling() {
        try (Llmux bad = client(Map.of("api_key", "r8_test", "poll_interval", "soon"))) {
            assertThatThrownBy(() -> bad.chat(chat().addUser("x").build()))
                    .isExactlyInstanceOf(BadRequestException.class)
                    .hasMessageContaining("setting poll_interval must be a positive number of seconds, was \"soon\"");
        }
        try (Llmux bad = client(Map.of("api_key", "r8_test", "prefer_wait", "90"))) {
            assertThatThrownBy(() -> bad.chat(chat().addUser("x").build()))
                    .isExactlyInstanceOf(BadRequestException.class)
                    .hasMessageContaining("prefer_wait must be true, false or 1-60 seconds");
        }
        ChatRequest twoImages = chat().message(ChatMessage.user(dev.llmux.api.ContentPart.text("compare"),
                dev.llmux.api.ContentPart.imageUrl("https://example.com/a.png"),
                dev.llmux.api.ContentPart.imageUrl("https://example.com/b.png"))).build();
        assertThatThrownBy(() -> llmux.chat(twoImages))
                .isExactlyInstanceOf(BadRequestException.class)
                .hasMessageContaining("at most one image");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }
}
