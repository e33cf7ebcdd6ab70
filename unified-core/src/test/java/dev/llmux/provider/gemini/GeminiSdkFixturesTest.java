package dev.llmux.provider.gemini;

import static dev.llmux.provider.gemini.GeminiFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.genai.types.Content;
import com.google.genai.types.EmbedContentResponse;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerationConfig;
import com.google.genai.types.SafetySetting;
import com.google.genai.types.Tool;
import com.google.genai.types.ToolConfig;
import dev.llmux.api.ChatMessage;
import dev.llmux.api.ChatRequest;
import dev.llmux.api.ContentPart;
import dev.llmux.api.ResponseFormat;
import dev.llmux.api.ToolCall;
import dev.llmux.api.ToolChoice;
import dev.llmux.internal.json.Json;
import dev.llmux.provider.gemini.internal.GeminiRequestMapper;
import dev.llmux.provider.gemini.internal.GeminiResponseMapper;
import dev.llmux.provider.gemini.internal.GeminiWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Checks our fixtures and requests against Google's own Java SDK ({@code com.google.genai}): every response our
 * stubs serve parses as the SDK's {@link GenerateContentResponse} and survives its round trip field for field (so
 * no field name or shape of ours is unknown to Google), and every part of the request body llmux sends does the
 * same through {@link Content}, {@link Tool}, {@link ToolConfig}, {@link GenerationConfig} and {@link SafetySetting}.
 */
class GeminiSdkFixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"text-response.json", "function-call-response.json", "thinking-response.json", "two-candidates-response.json",
            "safety-response.json", "blocked-prompt-response.json", "logprobs-response.json"})
    void should_parse_every_response_fixture_as_the_sdk_type_without_losing_a_field(String name) {
        assertSdkRoundTrip(fixture(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text.sse", "stream-tools-thoughts.sse", "stream-cut.sse", "stream-blocked.sse"})
    void should_parse_every_stream_event_as_the_sdk_type_without_losing_a_field(String name) {
        List<String> events = events(fixture(name));
        assertThat(events).isNotEmpty();
        events.forEach(GeminiSdkFixturesTest::assertSdkRoundTrip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embed-content-response.json", "batch-embed-response.json"})
    void should_parse_embedding_fixtures_as_the_sdk_type(String name) {
        EmbedContentResponse sdk = EmbedContentResponse.fromJson(normalizeSingleEmbedding(fixture(name)));
        assertThat(sdk.embeddings().orElseThrow()).isNotEmpty().allSatisfy(e -> assertThat(e.values().orElseThrow()).isNotEmpty());
    }

    @ParameterizedTest
    @MethodSource("requests")
    void should_send_request_bodies_the_sdk_types_read_back_unchanged(ChatRequest request) {
        JsonNode body = GeminiRequestMapper.toBody(request, request.model(), false);
        List<String> checked = new ArrayList<>();
        for (JsonNode content : body.get("contents")) {
            assertThat(tree(Content.fromJson(content.toString()).toJson())).isEqualTo(numbersAsDoubles(content));
            checked.add("contents");
        }
        if (body.has("systemInstruction")) {
            assertThat(tree(Content.fromJson(body.get("systemInstruction").toString()).toJson())).isEqualTo(numbersAsDoubles(body.get("systemInstruction")));
            checked.add("systemInstruction");
        }
        if (body.has("tools")) {
            for (JsonNode tool : body.get("tools")) {
                assertThat(tree(Tool.fromJson(tool.toString()).toJson())).isEqualTo(numbersAsDoubles(tool));
            }
            checked.add("tools");
        }
        if (body.has("toolConfig")) {
            assertThat(tree(ToolConfig.fromJson(body.get("toolConfig").toString()).toJson())).isEqualTo(numbersAsDoubles(body.get("toolConfig")));
            checked.add("toolConfig");
        }
        if (body.has("safetySettings")) {
            for (JsonNode s : body.get("safetySettings")) {
                assertThat(tree(SafetySetting.fromJson(s.toString()).toJson())).isEqualTo(numbersAsDoubles(s));
            }
            checked.add("safetySettings");
        }
        if (body.has("generationConfig")) {
            assertThat(tree(GenerationConfig.fromJson(body.get("generationConfig").toString()).toJson())).isEqualTo(numbersAsDoubles(body.get("generationConfig")));
            checked.add("generationConfig");
        }
        List<String> fields = new ArrayList<>();
        body.propertyNames().forEach(fields::add);
        assertThat(checked).containsAll(fields);
    }

    static Stream<ChatRequest> requests() {
        Map<String, Object> params = Json.toMap(Json.tree("""
                {"type":"object","properties":{"city":{"type":["string","null"]},"n":{"type":"integer","enum":[1,2]}},"required":["city"],
                 "additionalProperties":false}"""));
        ChatMessage.AssistantMessage calls = ChatMessage.AssistantMessage.builder()
                .toolCalls(List.of(ToolCall.function("call_1__thought__c2lnLWNhbGwtMQ==", "get_weather", "{\"city\":\"Paris\"}"))).build();
        return Stream.of(
                ChatRequest.builder().model("gemini-2.5-flash").addSystem("Be terse.").addUser("Hi")
                        .temperature(0.5).topP(0.25).maxTokens(64).stop(List.of("END")).seed(7L).n(2).presencePenalty(0.5).frequencyPenalty(0.25)
                        .extra("top_k", 20)
                        .extra("safety_settings", List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_ONLY_HIGH")))
                        .reasoningEffort("high").logprobs(true).topLogprobs(3).build(),
                ChatRequest.builder().model("gemini-3-pro-preview").addUser("Weather?").message(calls)
                        .message(ChatMessage.tool("call_1__thought__c2lnLWNhbGwtMQ==", "{\"tempC\":18}"))
                        .tool(dev.llmux.api.Tool.function("get_weather", "Weather", params))
                        .toolChoice(ToolChoice.function("get_weather")).reasoningEffort("low").build(),
                ChatRequest.builder().model("gemini-1.5-pro")
                        .message(ChatMessage.user(ContentPart.text("What is it?"), ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo="),
                                ContentPart.imageUrl("gs://b/cat.png")))
                        .responseFormat(ResponseFormat.jsonSchema("a", params, true)).build(),
                ChatRequest.builder().model("gemini-2.5-pro").addUser("x")
                        .responseFormat(ResponseFormat.jsonSchema("a", params, true)).toolChoice(ToolChoice.NONE)
                        .tool(dev.llmux.api.Tool.function("noop", null, Map.of("type", "object", "properties", Map.of()))).build());
    }

    private static void assertSdkRoundTrip(String json) {
        GenerateContentResponse sdk = GenerateContentResponse.fromJson(json);
        assertThat(tree(sdk.toJson())).isEqualTo(tree(json));
        // The SDK and llmux agree on what the response says.
        GeminiWire.Response ours = Json.read(json, GeminiWire.Response.class);
        List<String> sdkCalls = sdk.candidates().orElse(List.of()).stream().limit(1)
                .flatMap(c -> c.content().flatMap(Content::parts).orElse(List.of()).stream())
                .flatMap(p -> p.functionCall().stream()).map(f -> f.name().orElseThrow()).toList();
        List<String> ourCalls = ours.candidatesOrEmpty().isEmpty() ? List.of()
                : GeminiResponseMapper.toChatResponse(ours, "m", 0).choices().get(0).message().toolCallsOrEmpty().stream().map(ToolCall::name).toList();
        assertThat(ourCalls).isEqualTo(sdkCalls);
        assertThat(GeminiResponseMapper.blockReason(ours) != null).isEqualTo(sdk.promptFeedback().flatMap(p -> p.blockReason()).isPresent());
    }

    private static List<String> events(String sse) {
        List<String> out = new ArrayList<>();
        for (String line : sse.split("\r?\n")) {
            if (line.startsWith("data: ")) {
                out.add(line.substring("data: ".length()));
            }
        }
        return out;
    }

    /** embedContent answers one {@code embedding}; the SDK type models the list form both methods share. */
    private static String normalizeSingleEmbedding(String json) {
        JsonNode node = Json.tree(json);
        return node.has("embedding") ? "{\"embeddings\":[" + node.get("embedding") + "]}" : json;
    }

    /** JSON trees with every number as a double: the SDK holds {@code topK} and friends as floats (20 reads back as 20.0). */
    private static JsonNode tree(String json) {
        return numbersAsDoubles(Json.tree(json));
    }

    private static JsonNode numbersAsDoubles(JsonNode node) {
        if (node.isNumber()) {
            return Json.MAPPER.getNodeFactory().numberNode(node.doubleValue());
        }
        if (node.isObject()) {
            tools.jackson.databind.node.ObjectNode out = Json.object();
            node.properties().forEach(e -> out.set(e.getKey(), numbersAsDoubles(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            tools.jackson.databind.node.ArrayNode out = Json.MAPPER.createArrayNode();
            node.forEach(n -> out.add(numbersAsDoubles(n)));
            return out;
        }
        return node;
    }
}
