package dev.llmux.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.conformance.Case;
import dev.llmux.conformance.ProviderConformanceTest;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import tools.jackson.databind.JsonNode;

/** The shared conformance suite against a stubbed Messages API, in Anthropic's native shapes. */
class AnthropicConformanceTest extends ProviderConformanceTest {

    private static final String MODEL = "claude-sonnet-4-5-20250929";

    @Override
    protected String model() {
        return "anthropic/claude-sonnet-4-5";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiKey("test-key").apiBase(baseUrl).build();
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        wm.stubFor(post(urlEqualTo("/v1/messages")).willReturn(answer(c)));
    }

    private static ResponseDefinitionBuilder answer(Case c) {
        return switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> message("[{\"type\":\"text\",\"text\":\"Hello!\"}]", "end_turn");
            case MULTI_TURN -> message("[{\"type\":\"text\",\"text\":\"Ada\"}]", "end_turn");
            case TOOL_CALL -> message("[" + toolUse("toolu_01", "Paris") + "]", "tool_use");
            case PARALLEL_TOOL_CALLS -> message("[" + toolUse("toolu_01", "Paris") + "," + toolUse("toolu_02", "London") + "]", "tool_use");
            case TOOL_RESULT -> message("[{\"type\":\"text\",\"text\":\"It is 18C and sunny in Paris.\"}]", "end_turn");
            case STRUCTURED_OUTPUT -> message("[{\"type\":\"text\",\"text\":\"{\\\"city\\\":\\\"Paris\\\",\\\"temp_c\\\":18}\"}]", "end_turn");
            case IMAGE_INPUT -> message("[{\"type\":\"text\",\"text\":\"A cat.\"}]", "end_turn");
            case STREAMING_TEXT -> sse(start() + textBlock(0, "Hel", "lo!") + end("end_turn"));
            case STREAMING_TOOL_CALL -> sse(start()
                    + event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                            + "{\"type\":\"tool_use\",\"id\":\"toolu_01\",\"name\":\"get_weather\",\"input\":{}}}")
                    + delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}")
                    + delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\": \\\"Paris\\\"}\"}")
                    + event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
                    + end("tool_use"));
            case STREAM_CUT -> sse(start() + textBlock(0, "Hel", "lo!"));
            case STREAM_ERROR_EVENT -> sse(start() + textBlock(0, "Hel")
                    + event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
            case ERROR_AUTHENTICATION -> error(401, "authentication_error", "invalid x-api-key");
            case ERROR_RATE_LIMIT -> error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")
                    .withHeader("retry-after", "7");
            case ERROR_SERVER -> error(500, "api_error", "Internal server error");
            case ERROR_OVERLOADED -> error(529, "overloaded_error", "Overloaded");
            case ERROR_CONTEXT_WINDOW -> error(400, "invalid_request_error", "prompt is too long: 205000 tokens > 200000 maximum");
            case ERROR_BAD_REQUEST -> error(400, "invalid_request_error", "messages.0.content: Input should be a valid list");
            case MALFORMED_RESPONSE -> aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\":\"msg_1\",\"content\":[");
        };
    }

    private static ResponseDefinitionBuilder message(String content, String stopReason) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(
                "{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":" + content
                        + ",\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null,"
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":3,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}}");
    }

    private static String toolUse(String id, String city) {
        return "{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"get_weather\",\"input\":{\"city\":\"" + city + "\"}}";
    }

    private static ResponseDefinitionBuilder error(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"},\"request_id\":\"req_01\"}");
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body).withChunkedDribbleDelay(4, 40);
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static String start() {
        return event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\""
                + MODEL + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}")
                + event("ping", "{\"type\":\"ping\"}");
    }

    private static String textBlock(int index, String... pieces) {
        StringBuilder sb = new StringBuilder(event("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":" + index + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
        for (String p : pieces) {
            sb.append(delta(index, "{\"type\":\"text_delta\",\"text\":\"" + p + "\"}"));
        }
        return sb.append(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}")).toString();
    }

    private static String delta(int index, String delta) {
        return event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}");
    }

    private static String end(String stopReason) {
        return event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason + "\",\"stop_sequence\":null},"
                + "\"usage\":{\"output_tokens\":3}}")
                + event("message_stop", "{\"type\":\"message_stop\"}");
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(request.getHeader("x-api-key")).isEqualTo("test-key");
        assertThat(body.get("model").asString()).isEqualTo("claude-sonnet-4-5");
        switch (c) {
            case SYSTEM_PROMPT -> assertThat(body.get("system")).isEqualTo(Json.tree("[{\"type\":\"text\",\"text\":\"You are terse.\"}]"));
            case TOOL_CALL, PARALLEL_TOOL_CALLS, STREAMING_TOOL_CALL -> assertThat(body.get("tools").get(0).get("input_schema"))
                    .isEqualTo(Json.valueToTree(WEATHER_PARAMS));
            case TOOL_RESULT -> assertThat(body.get("messages").get(2)).isEqualTo(Json.tree(
                    "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":\"18C and sunny\"}]}"));
            case STRUCTURED_OUTPUT -> assertThat(body.get("output_config").get("format").get("schema")).isEqualTo(Json.valueToTree(WEATHER_SCHEMA));
            case IMAGE_INPUT -> assertThat(body.get("messages").get(0).get("content").get(1)).isEqualTo(Json.tree(
                    "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"" + PNG_BASE64 + "\"}}"));
            case STREAMING_TEXT -> assertThat(body.get("stream").asBoolean()).isTrue();
            default -> {
                // the shared assertions on the answer cover the rest
            }
        }
    }
}
