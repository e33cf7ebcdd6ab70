package dev.llmux.conformance;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.CallOptions;
import dev.llmux.Llmux;
import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.ContentPart;
import dev.llmux.api.FinishReason;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.Usage;
import dev.llmux.catalog.ModelPrices;
import dev.llmux.error.ApiConnectionException;
import dev.llmux.error.AuthenticationException;
import dev.llmux.error.BadGatewayException;
import dev.llmux.error.BadRequestException;
import dev.llmux.error.ContextWindowExceededException;
import dev.llmux.error.InternalServerException;
import dev.llmux.error.LlmuxException;
import dev.llmux.error.RateLimitException;
import dev.llmux.error.ServiceUnavailableException;
import dev.llmux.error.UnsupportedParamsException;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpTransport;
import dev.llmux.transport.TransportSettings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * One conformance suite for every provider adapter. The suite sends the same OpenAI-shaped request to each provider
 * and asserts the same unified answer; a subclass stubs, on WireMock, what its provider natively answers to each
 * {@link Case} (see each case's Javadoc for the answer it must produce) and may assert the native request it received.
 *
 * <p>A provider that cannot do a feature lists the case in {@link #unsupported()}: the suite then expects the call
 * to fail with {@link UnsupportedParamsException} before anything is sent. A case that does not apply to a provider at
 * all (a provider with no in-stream error events) goes in {@link #notApplicable()} and is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderConformanceTest {

    protected static final String SYSTEM_TEXT = "You are terse.";
    protected static final String PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    protected static final Map<String, Object> WEATHER_PARAMS = Map.of(
            "type", "object",
            "properties", Map.of("city", Map.of("type", "string", "description", "City name")),
            "required", List.of("city"));
    protected static final Map<String, Object> WEATHER_SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of("city", Map.of("type", "string"), "temp_c", Map.of("type", "number")),
            "required", List.of("city", "temp_c"),
            "additionalProperties", false);

    protected WireMockServer wm;
    protected Llmux llmux;
    private HttpTransport transport;

    /** The model string to call, for example {@code anthropic/claude-sonnet-4-5}. */
    protected abstract String model();

    /** Settings that point the provider at {@code baseUrl} (the WireMock server) with a fake key. */
    protected abstract ProviderSettings settings(String baseUrl);

    /** Registers on {@code wm} the provider's native answer for {@code c}. */
    protected abstract void stub(Case c, WireMockServer wm);

    /** Cases the provider cannot do: the call must fail with {@link UnsupportedParamsException}. */
    protected Set<Case> unsupported() {
        return Set.of();
    }

    /** Cases that do not apply to this provider; skipped. */
    protected Set<Case> notApplicable() {
        return Set.of();
    }

    /** Asserts the native request body the provider sent for {@code c}; default checks nothing more. */
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {}

    /** The environment the client sees; empty by default so real keys on the machine never interfere. */
    protected Function<String, String> env() {
        return name -> null;
    }

    /** The provider id under which {@link #settings(String)} are registered: the model's prefix. */
    protected String providerId() {
        return model().substring(0, model().indexOf('/'));
    }

    @BeforeAll
    void startStub() {
        wm = new WireMockServer(wireMockConfig().dynamicPort());
        wm.start();
        transport = HttpTransport.reactorNetty(TransportSettings.defaults()
                .withFirstByteTimeout(Duration.ofSeconds(5))
                .withIdleTimeout(Duration.ofSeconds(5)));
        llmux = Llmux.builder()
                .transport(transport)
                .env(env())
                .settings(providerId(), settings(wm.baseUrl()))
                .build();
    }

    @AfterAll
    void stopStub() {
        llmux.close();
        transport.close();
        wm.stop();
    }

    @BeforeEach
    void resetStub() {
        wm.resetAll();
    }

    // ---- requests -------------------------------------------------------------------------------------------

    protected ChatRequest.Builder base() {
        return ChatRequest.builder().model(model());
    }

    protected ChatRequest request(Case c) {
        Tool weather = Tool.function("get_weather", "Current weather for a city", WEATHER_PARAMS);
        return switch (c) {
            case PLAIN_CHAT, STREAMING_TEXT, STREAM_CUT, STREAM_ERROR_EVENT, MALFORMED_RESPONSE, ERROR_AUTHENTICATION,
                    ERROR_RATE_LIMIT, ERROR_SERVER, ERROR_OVERLOADED, ERROR_CONTEXT_WINDOW, ERROR_BAD_REQUEST ->
                    base().addUser("Say hello.").maxTokens(64).build();
            case SYSTEM_PROMPT -> base().addSystem(SYSTEM_TEXT).addUser("Say hello.").maxTokens(64).build();
            case MULTI_TURN -> base().addUser("My name is Ada.")
                    .message(ChatMessage.assistant("Nice to meet you, Ada."))
                    .addUser("What is my name?").maxTokens(64).build();
            case TOOL_CALL, STREAMING_TOOL_CALL -> base().addUser("What is the weather in Paris?").tool(weather).maxTokens(64).build();
            case PARALLEL_TOOL_CALLS -> base().addUser("What is the weather in Paris and London?").tool(weather).maxTokens(64).build();
            case TOOL_RESULT -> base().addUser("What is the weather in Paris?")
                    .message(ChatMessage.AssistantMessage.builder()
                            .toolCalls(List.of(ToolCall.function("call_1", "get_weather", "{\"city\":\"Paris\"}")))
                            .build())
                    .message(ChatMessage.tool("call_1", "18C and sunny"))
                    .tool(weather).maxTokens(64).build();
            case STRUCTURED_OUTPUT -> base().addUser("Weather in Paris as JSON.")
                    .responseFormat(ResponseFormat.jsonSchema("weather", WEATHER_SCHEMA, true)).maxTokens(64).build();
            case IMAGE_INPUT -> base().message(ChatMessage.user(
                            ContentPart.text("What is in this image?"),
                            ContentPart.imageUrl("data:image/png;base64," + PNG_BASE64)))
                    .maxTokens(64).build();
        };
    }

    // ---- the cases ------------------------------------------------------------------------------------------

    @Test
    void should_answer_a_plain_chat_with_text_usage_and_cost() {
        ChatResponse res = chat(Case.PLAIN_CHAT, CallOptions.defaults().withPrices(ModelPrices.perMillion("1", "2", null, null)));
        if (res == null) {
            return;
        }
        assertThat(res.text()).isEqualTo("Hello!");
        assertThat(res.finishReason()).isEqualTo(FinishReason.STOP);
        assertUsage(res.usage());
        assertThat(res.callInfo()).isNotNull();
        // 10 input tokens at $1/M plus 3 output tokens at $2/M
        assertThat(res.callInfo().cost()).isEqualByComparingTo(new BigDecimal("0.000016"));
    }

    @Test
    void should_send_the_system_prompt() {
        ChatResponse res = chat(Case.SYSTEM_PROMPT);
        if (res != null) {
            assertThat(res.text()).isEqualTo("Hello!");
            assertThat(sentBody()).contains(SYSTEM_TEXT);
        }
    }

    @Test
    void should_send_a_multi_turn_history_in_order() {
        ChatResponse res = chat(Case.MULTI_TURN);
        if (res != null) {
            assertThat(res.text()).isEqualTo("Ada");
            String body = sentBody();
            assertThat(body.indexOf("My name is Ada.")).isNotNegative();
            assertThat(body.indexOf("Nice to meet you, Ada.")).isGreaterThan(body.indexOf("My name is Ada."));
            assertThat(body.indexOf("What is my name?")).isGreaterThan(body.indexOf("Nice to meet you, Ada."));
        }
    }

    @Test
    void should_stream_text_and_end_with_usage() {
        List<ChatChunk> chunks = stream(Case.STREAMING_TEXT);
        if (chunks == null) {
            return;
        }
        long contentChunks = chunks.stream().filter(ch -> ch.text() != null && !ch.text().isEmpty()).count();
        assertThat(contentChunks).as("content chunks").isGreaterThanOrEqualTo(2);
        ChatResponse res = aggregate(chunks);
        assertThat(res.text()).isEqualTo("Hello!");
        assertThat(res.finishReason()).isEqualTo(FinishReason.STOP);
        assertUsage(chunks.get(chunks.size() - 1).usage());
    }

    @Test
    void should_return_a_tool_call() {
        ChatResponse res = chat(Case.TOOL_CALL);
        if (res != null) {
            assertToolCalls(res, "Paris");
        }
    }

    @Test
    void should_stream_a_tool_call() {
        List<ChatChunk> chunks = stream(Case.STREAMING_TOOL_CALL);
        if (chunks != null) {
            assertToolCalls(aggregate(chunks), "Paris");
        }
    }

    @Test
    void should_return_parallel_tool_calls() {
        ChatResponse res = chat(Case.PARALLEL_TOOL_CALLS);
        if (res != null) {
            assertToolCalls(res, "Paris", "London");
        }
    }

    @Test
    void should_send_a_tool_result_and_answer() {
        ChatResponse res = chat(Case.TOOL_RESULT);
        if (res != null) {
            assertThat(res.text()).isEqualTo("It is 18C and sunny in Paris.");
            assertThat(sentBody()).contains("18C and sunny").contains("get_weather");
        }
    }

    @Test
    void should_return_structured_output_as_message_content() {
        ChatResponse res = chat(Case.STRUCTURED_OUTPUT);
        if (res != null) {
            assertThat(res.message().toolCalls()).as("structured output comes back as content, not a tool call").isNull();
            assertThat(Json.tree(res.text())).isEqualTo(Json.tree("{\"city\":\"Paris\",\"temp_c\":18}"));
        }
    }

    @Test
    void should_send_an_image() {
        ChatResponse res = chat(Case.IMAGE_INPUT);
        if (res != null) {
            assertThat(res.text()).isEqualTo("A cat.");
            assertThat(sentBody()).contains(PNG_BASE64);
        }
    }

    @Test
    void should_map_an_authentication_failure() {
        assertFails(Case.ERROR_AUTHENTICATION, AuthenticationException.class);
    }

    @Test
    void should_map_a_rate_limit_as_retryable() {
        LlmuxException e = assertFails(Case.ERROR_RATE_LIMIT, RateLimitException.class);
        if (e != null) {
            assertThat(e.isRetryable()).isTrue();
            e.retryAfter().ifPresent(d -> assertThat(d).isEqualTo(Duration.ofSeconds(7)));
        }
    }

    @Test
    void should_map_a_server_error() {
        LlmuxException e = assertFails(Case.ERROR_SERVER, InternalServerException.class);
        if (e != null) {
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void should_map_overload_as_service_unavailable() {
        LlmuxException e = assertFails(Case.ERROR_OVERLOADED, ServiceUnavailableException.class);
        if (e != null) {
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void should_map_a_context_window_overflow() {
        LlmuxException e = assertFails(Case.ERROR_CONTEXT_WINDOW, ContextWindowExceededException.class);
        if (e != null) {
            assertThat(e.isRetryable()).isFalse();
        }
    }

    @Test
    void should_map_a_bad_request() {
        LlmuxException e = assertFails(Case.ERROR_BAD_REQUEST, BadRequestException.class);
        if (e != null) {
            assertThat(e).isExactlyInstanceOf(BadRequestException.class);
            assertThat(e.isRetryable()).isFalse();
        }
    }

    @Test
    void should_fail_a_cut_stream_instead_of_completing() {
        if (skip(Case.STREAM_CUT)) {
            return;
        }
        stub(Case.STREAM_CUT, wm);
        Flux<ChatChunk> flux = llmux.stream(request(Case.STREAM_CUT));
        assertThatThrownBy(() -> flux.collectList().block(Duration.ofSeconds(10))).isInstanceOf(ApiConnectionException.class);
    }

    @Test
    void should_fail_a_stream_carrying_an_error_event() {
        if (skip(Case.STREAM_ERROR_EVENT)) {
            return;
        }
        stub(Case.STREAM_ERROR_EVENT, wm);
        Flux<ChatChunk> flux = llmux.stream(request(Case.STREAM_ERROR_EVENT));
        assertThatThrownBy(() -> flux.collectList().block(Duration.ofSeconds(10))).isInstanceOf(LlmuxException.class);
    }

    @Test
    void should_fail_a_malformed_response_as_bad_gateway() {
        assertFails(Case.MALFORMED_RESPONSE, BadGatewayException.class);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private boolean skip(Case c) {
        assumeThat(notApplicable()).as(c + " does not apply to " + providerId()).doesNotContain(c);
        return false;
    }

    /** The answer, or null when the case is unsupported and its unsupported-params failure was asserted. */
    private ChatResponse chat(Case c) {
        return chat(c, CallOptions.defaults());
    }

    private ChatResponse chat(Case c, CallOptions options) {
        skip(c);
        if (unsupported().contains(c)) {
            assertThatThrownBy(() -> llmux.chat(request(c), options)).isInstanceOf(UnsupportedParamsException.class);
            assertThat(wm.getAllServeEvents()).as("nothing sent for an unsupported case").isEmpty();
            return null;
        }
        stub(c, wm);
        ChatResponse res = llmux.chat(request(c), options);
        verifySent(c);
        return res;
    }

    private List<ChatChunk> stream(Case c) {
        skip(c);
        if (unsupported().contains(c)) {
            assertThatThrownBy(() -> llmux.stream(request(c)).collectList().block(Duration.ofSeconds(10)))
                    .isInstanceOf(UnsupportedParamsException.class);
            return null;
        }
        stub(c, wm);
        List<ChatChunk> chunks = llmux.stream(request(c)).collectList().block(Duration.ofSeconds(10));
        assertThat(chunks).isNotEmpty();
        verifySent(c);
        return chunks;
    }

    private LlmuxException assertFails(Case c, Class<? extends LlmuxException> type) {
        skip(c);
        stub(c, wm);
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> llmux.chat(request(c)));
        assertThat(thrown).isInstanceOf(type);
        LlmuxException e = (LlmuxException) thrown;
        assertThat(e.provider()).isNotBlank();
        assertThat(e.getMessage()).doesNotContain("test-key");
        return e;
    }

    private void verifySent(Case c) {
        List<LoggedRequest> requests = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(requests).as("requests sent for " + c).isNotEmpty();
        LoggedRequest first = requests.get(0);
        byte[] body = first.getBody();
        verifyRequest(c, body.length == 0 ? Json.object() : Json.tree(body), first);
    }

    /** Every request body sent during the current case, joined. */
    protected String sentBody() {
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> events = new java.util.ArrayList<>(wm.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(new String(e.getRequest().getBody(), StandardCharsets.UTF_8)).append('\n'));
        return sb.toString();
    }

    private static void assertUsage(Usage usage) {
        assertThat(usage).as("usage").isNotNull();
        assertThat(usage.promptTokens()).isEqualTo(10);
        assertThat(usage.completionTokens()).isEqualTo(3);
        assertThat(usage.totalTokens()).isEqualTo(13);
    }

    private static void assertToolCalls(ChatResponse res, String... cities) {
        assertThat(res.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        List<ToolCall> calls = res.message().toolCallsOrEmpty();
        assertThat(calls).hasSize(cities.length);
        for (int i = 0; i < cities.length; i++) {
            ToolCall call = calls.get(i);
            assertThat(call.id()).isNotBlank();
            assertThat(call.type()).isEqualTo("function");
            assertThat(call.name()).isEqualTo("get_weather");
            assertThat(Json.tree(call.arguments())).isEqualTo(Json.tree("{\"city\":\"" + cities[i] + "\"}"));
        }
    }

    /** Rebuilds the response from chunks (text, tool calls by index, finish reason, usage). */
    protected static ChatResponse aggregate(List<ChatChunk> chunks) {
        return ChunkMerger.merge(chunks);
    }
}
