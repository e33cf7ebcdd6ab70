package dev.llmux.provider.cohere;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.llmux.provider.StubSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.cohere.api.core.ObjectMappers;
import com.cohere.api.resources.v2.requests.V2ChatRequest;
import com.cohere.api.resources.v2.types.V2ChatResponse;
import com.cohere.api.resources.v2.types.V2ChatStreamResponse;
import com.cohere.api.types.ChatFinishReason;
import com.cohere.api.types.EmbedByTypeResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.Llmux;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.Tool;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.stream.SseDecoder;
import dev.llmux.internal.stream.SseEvent;
import dev.llmux.spi.ProviderSettings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Cohere fixtures against Cohere's official Java SDK: every response and stream event the stubs serve
 * must parse as the SDK's own types, and the requests llmux sends must parse as its {@code V2ChatRequest} with no
 * field the SDK does not know.
 */
class CohereSdkFixturesTest {

    private static final ObjectMapper SDK = ObjectMappers.JSON_MAPPER;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @ParameterizedTest
    @ValueSource(strings = {"chat-text-citations.json", "chat-tool-call.json", "chat-thinking.json", "chat-finish-error.json"})
    void should_parse_every_chat_fixture_as_the_sdk_response(String name) throws Exception {
        V2ChatResponse res = SDK.readValue(fixture("cohere/" + name), V2ChatResponse.class);

        assertThat(res.getId()).isNotBlank();
        assertThat(res.getFinishReason().getEnumValue()).isNotEqualTo(ChatFinishReason.Value.UNKNOWN);
        assertThat(res.getMessage()).isNotNull();
        assertThat(res.getAdditionalProperties()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text.sse", "stream-tool-call.sse", "stream-thinking.sse", "stream-cut.sse", "stream-finish-error.sse"})
    void should_parse_every_stream_event_as_the_sdk_union(String name) throws Exception {
        List<SseEvent> events = new SseDecoder().feed(fixture("cohere/" + name).getBytes(StandardCharsets.UTF_8));
        assertThat(events).isNotEmpty();
        for (SseEvent e : events) {
            if (e.isDone()) {
                continue;
            }
            V2ChatStreamResponse parsed = SDK.readValue(e.data(), V2ChatStreamResponse.class);
            assertThat(parsed._isUnknown()).as("event %s is one the SDK knows", e.event()).isFalse();
        }
    }

    @Test
    void should_parse_the_embed_fixture_as_the_sdk_response() throws Exception {
        EmbedByTypeResponse res = SDK.readValue(fixture("cohere/embed.json"), EmbedByTypeResponse.class);

        assertThat(res.getEmbeddings().getFloat()).hasValueSatisfying(v -> assertThat(v).hasSize(2));
    }

    @Test
    void should_send_requests_the_sdk_reads_without_unknown_fields() throws Exception {
        wm.stubFor(post(urlEqualTo("/v2/chat")).willReturn(aResponse().withStatus(200).withBody(fixture("cohere/chat-tool-call.json"))));
        Tool weather = Tool.function("get_weather", "Weather", Map.of("type", "object", "properties", Map.of("location", Map.of("type", "string"))));
        List<ChatRequest> requests = List.of(
                ChatRequest.builder().model("cohere/command-a-03-2025").addSystem("sys").addUser("hi").temperature(0.5).topP(0.9)
                        .maxTokens(10).stop(List.of("x")).seed(1L).frequencyPenalty(0.1).presencePenalty(0.2).extra("top_k", 5)
                        .extra("documents", List.of(Map.of("id", "d1", "data", Map.of("text", "t"))))
                        .extra("citation_options", Map.of("mode", "FAST")).extra("safety_mode", "STRICT").build(),
                ChatRequest.builder().model("cohere/command-a-03-2025")
                        .message(ChatMessage.user(ContentPart.text("look"), ContentPart.imageUrl("data:image/png;base64,AAAA", "high")))
                        .message(ChatMessage.AssistantMessage.builder().content("plan")
                                .toolCalls(List.of(ToolCall.function("c1", "get_weather", "{\"location\":\"Paris\"}"))).build())
                        .message(ChatMessage.tool("c1", "sunny"))
                        .message(ChatMessage.AssistantMessage.builder().content("done").reasoningContent("why").build())
                        .addUser("again").tool(weather).toolChoice(ToolChoice.REQUIRED).build(),
                ChatRequest.builder().model("cohere/command-a-03-2025").addUser("json")
                        .responseFormat(ResponseFormat.jsonSchema("w", Map.of("type", "object"), true)).reasoningEffort("low").build());
        try (Llmux llmux = Llmux.builder().provider(new CohereProvider())
                .settings("cohere", ProviderSettings.builder().apiBase(wm.baseUrl()).apiKey("k").build()).env(n -> null).build()) {
            requests.forEach(llmux::chat);
        }

        List<LoggedRequest> sent = wm.findAll(anyRequestedFor(anyUrl()));
        assertThat(sent).hasSize(requests.size());
        for (LoggedRequest r : sent) {
            V2ChatRequest parsed = SDK.readValue(r.getBodyAsString(), V2ChatRequest.class);
            // the SDK models "stream" as a constant of its two request types, so it lands among the extras
            assertThat(parsed.getAdditionalProperties().keySet()).as(r.getBodyAsString()).isSubsetOf("stream");
            assertThat(parsed.getMessages()).allSatisfy(m -> assertThat(m._isUnknown()).isFalse());
        }
    }
}
