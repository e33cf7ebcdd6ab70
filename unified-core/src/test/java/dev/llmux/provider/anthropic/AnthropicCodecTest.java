package dev.llmux.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.api.ChatChunk;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ChatResponse;
import dev.llmux.api.ResponseFormat;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderCall;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.transport.HttpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The translation as a host serving Claude elsewhere (Vertex AI, Bedrock InvokeModel) reuses it, without HTTP. */
class AnthropicCodecTest {

    private static final HttpTransport UNUSED = HttpTransport.jdk(dev.llmux.transport.TransportSettings.defaults());

    @AfterAll
    static void close() {
        UNUSED.close();
    }

    private static ProviderCall call(String provider, String model) {
        return new ProviderCall(provider, model, ProviderSettings.empty(), UNUSED, Clock.fixed(AnthropicStub.NOW, ZoneOffset.UTC), name -> null, null);
    }

    @Test
    void should_give_a_host_body_without_model_and_with_its_anthropic_version() {
        ProviderCall call = call("vertex_ai", "claude-sonnet-4-5@20250929");
        AnthropicRequest req = AnthropicCodec.toRequest(ChatRequest.builder().model("vertex_ai/claude-sonnet-4-5@20250929").addUser("Hi")
                .maxTokens(100).build(), call, null);

        assertThat(req.forHost("vertex-2023-10-16").body()).isEqualTo(Json.tree("""
                {"max_tokens":100,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"anthropic_version":"vertex-2023-10-16"}"""));
        assertThat(req.forHost("vertex-2023-10-16").streaming().body().get("stream").asBoolean()).isTrue();
        assertThat(req.body().get("model").asString()).as("the original is unchanged").isEqualTo("claude-sonnet-4-5@20250929");
    }

    @Test
    void should_show_the_tool_schema_as_plain_json_in_the_body_and_send_it_unchanged() {
        ProviderCall call = call("anthropic", "claude-sonnet-4-5");
        java.util.Map<String, Object> schema = new java.util.LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", java.util.Map.of("city", java.util.Map.of("type", "string")));
        AnthropicRequest req = AnthropicCodec.toRequest(ChatRequest.builder().model("anthropic/claude-sonnet-4-5").addUser("Hi").maxTokens(10)
                .tools(java.util.List.of(dev.llmux.api.Tool.function("weather", "Weather by city", schema))).build(), call, null);

        String expected = """
                {"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],
                 "tools":[{"name":"weather","description":"Weather by city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}""";
        assertThat(Json.tree(req.json())).isEqualTo(Json.tree(expected));
        // body() is for reading: the schema is an object node there, not an opaque value
        assertThat(req.body()).isEqualTo(Json.tree(expected));
        assertThat(req.body().path("tools").path(0).path("input_schema").path("properties").path("city").path("type").asString()).isEqualTo("string");
        assertThat(req.streaming().body().path("tools")).isEqualTo(Json.tree(expected).path("tools"));
    }

    @Test
    void should_leave_every_request_it_was_derived_from_unchanged_when_streaming_or_moving_to_a_host() {
        ProviderCall call = call("anthropic", "claude-sonnet-4-5");
        AnthropicRequest req = AnthropicCodec.toRequest(ChatRequest.builder().model("anthropic/claude-sonnet-4-5").addUser("Hi")
                .maxTokens(10).build(), call, null);
        String original = new String(req.json(), StandardCharsets.UTF_8);

        AnthropicRequest hosted = req.forHost("bedrock-2023-05-31");
        AnthropicRequest streamed = hosted.streaming();
        streamed.body().withArray("messages").removeAll(); // body() is a copy: emptying it changes no request

        assertThat(new String(req.json(), StandardCharsets.UTF_8)).isEqualTo(original);
        assertThat(Json.tree(hosted.json())).isEqualTo(Json.tree("""
                {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"anthropic_version":"bedrock-2023-05-31"}"""));
        assertThat(Json.tree(streamed.json())).isEqualTo(Json.tree("""
                {"max_tokens":10,"messages":[{"role":"user","content":[{"type":"text","text":"Hi"}]}],"anthropic_version":"bedrock-2023-05-31","stream":true}"""));
        assertThat(req.streaming().streaming()).isEqualTo(req.streaming());
    }

    @Test
    void should_keep_its_own_copy_of_a_body_handed_to_the_constructor() {
        tools.jackson.databind.node.ObjectNode body = Json.object().put("model", "claude-sonnet-4-5").put("max_tokens", 5);
        AnthropicRequest req = new AnthropicRequest(body, java.util.Set.of("files-api-2025-04-14"), false, false);
        body.put("max_tokens", 500);
        req.body().put("max_tokens", 7);

        assertThat(Json.tree(req.json()).path("max_tokens").asInt()).isEqualTo(5);
        assertThat(req.betas()).containsExactly("files-api-2025-04-14");
        assertThat(req).isEqualTo(new AnthropicRequest(Json.object().put("model", "claude-sonnet-4-5").put("max_tokens", 5),
                java.util.Set.of("files-api-2025-04-14"), false, false));
    }

    @Test
    void should_translate_responses_and_event_streams_for_any_host() {
        ProviderCall call = call("vertex_ai", "claude-3-7-sonnet@20250219");
        AnthropicRequest req = AnthropicCodec.toRequest(ChatRequest.builder().model("vertex_ai/claude-3-7-sonnet@20250219").addUser("x")
                .responseFormat(ResponseFormat.JSON_OBJECT).build(), call, null).forHost("vertex-2023-10-16");
        assertThat(req.jsonToolMode()).isTrue();

        ChatResponse res = AnthropicCodec.toResponse(req, AnthropicStub.fixture("message_json_tool.json").getBytes(StandardCharsets.UTF_8), call);
        assertThat(res.text()).isEqualTo("{\"city\":\"Paris\",\"population\":2102650}");
        assertThat(res.created()).isEqualTo(AnthropicStub.CREATED);

        // Bedrock's event-stream frames carry the same event objects; the host decodes its framing and hands them over
        Flux<ChatChunk> chunks = AnthropicCodec.toChunks(req,
                AnthropicCodec.sseEvents(Flux.just(AnthropicStub.fixture("stream_json_tool.sse").getBytes(StandardCharsets.UTF_8)), call), call);
        StepVerifier.create(chunks.map(c -> c.text() == null ? "" : c.text()).collectList())
                .assertNext(texts -> assertThat(String.join("", texts)).isEqualTo("{\"city\": \"Paris\"}"))
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        assertThat(AnthropicCodec.supportedParams("claude-3-5-haiku-20241022")).doesNotContain("reasoning_effort").contains("tools");
        assertThat(AnthropicCodec.supportedParams("claude-sonnet-4-5")).contains("reasoning_effort");
        assertThat(req.betas()).isEmpty();
    }
}
