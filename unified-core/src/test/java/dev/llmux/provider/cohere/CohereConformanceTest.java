package dev.llmux.provider.cohere;

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

/** The conformance suite against Cohere's v2 chat API. */
class CohereConformanceTest extends ProviderConformanceTest {

    private static final String USAGE = "{\"billed_units\":{\"input_tokens\":10,\"output_tokens\":3},\"tokens\":{\"input_tokens\":10,\"output_tokens\":3},\"cached_tokens\":0}";

    @Override
    protected String model() {
        return "cohere/command-a-03-2025";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl).apiKey("test-key").build();
    }

    private static String text(String text) {
        return "{\"id\":\"r-1\",\"finish_reason\":\"COMPLETE\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                + Json.writeString(text) + "}]},\"usage\":" + USAGE + "}";
    }

    private static String toolCalls(String... cities) {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < cities.length; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"id\":\"get_weather_").append(i).append("\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":")
                    .append(Json.writeString("{\"city\":\"" + cities[i] + "\"}")).append("}}");
        }
        return "{\"id\":\"r-2\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":\"assistant\",\"tool_plan\":\"I will check the weather.\","
                + "\"tool_calls\":[" + calls + "]},\"usage\":" + USAGE + "}";
    }

    private static String event(String type, String json) {
        return "event: " + type + "\ndata: {\"type\":\"" + type + "\"" + (json.isEmpty() ? "" : "," + json) + "}\n\n";
    }

    private static final String START = event("message-start", "\"id\":\"s-1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}");

    private static String delta(String text) {
        return event("content-delta", "\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"" + text + "\"}}}");
    }

    private static String end(String finish) {
        return event("message-end", "\"delta\":{\"finish_reason\":\"" + finish + "\",\"usage\":" + USAGE + "}") + "data: [DONE]\n\n";
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        ResponseDefinitionBuilder r = switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> json(200, text("Hello!"));
            case MULTI_TURN -> json(200, text("Ada"));
            case TOOL_CALL -> json(200, toolCalls("Paris"));
            case PARALLEL_TOOL_CALLS -> json(200, toolCalls("Paris", "London"));
            case TOOL_RESULT -> json(200, text("It is 18C and sunny in Paris."));
            case STRUCTURED_OUTPUT -> json(200, text("{\"city\":\"Paris\",\"temp_c\":18}"));
            case IMAGE_INPUT -> json(200, text("A cat."));
            case STREAMING_TEXT -> sse(START + event("content-start", "\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}")
                    + delta("Hel") + delta("lo!") + event("content-end", "\"index\":0") + end("COMPLETE"));
            case STREAMING_TOOL_CALL -> sse(START
                    + event("tool-plan-delta", "\"delta\":{\"message\":{\"tool_plan\":\"I will check.\"}}")
                    + event("tool-call-start", "\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"get_weather_0\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}}}")
                    + event("tool-call-delta", "\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"{\\\"city\\\":\"}}}}")
                    + event("tool-call-delta", "\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}}}")
                    + event("tool-call-end", "\"index\":0") + end("TOOL_CALL"));
            case STREAM_CUT -> sse(START + delta("Hel") + delta("lo"));
            case STREAM_ERROR_EVENT -> sse(START + delta("Hel")
                    + event("message-end", "\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"internal server error\"}"));
            case ERROR_AUTHENTICATION -> json(401, "{\"id\":\"e-1\",\"message\":\"invalid api token\"}");
            case ERROR_RATE_LIMIT -> json(429, "{\"id\":\"e-2\",\"message\":\"You are past the per minute request limit, please wait and try again later.\"}")
                    .withHeader("Retry-After", "7");
            case ERROR_SERVER -> json(500, "{\"id\":\"e-3\",\"message\":\"internal server error, this has been reported to our developers\"}");
            case ERROR_OVERLOADED -> json(503, "{\"id\":\"e-4\",\"message\":\"service unavailable\"}");
            case ERROR_CONTEXT_WINDOW -> json(400, "{\"id\":\"e-5\",\"message\":\"too many tokens: total number of tokens in the prompt cannot exceed 256000 - received 301234. Try using a shorter prompt, or enabling prompt truncating.\"}");
            case ERROR_BAD_REQUEST -> json(400, "{\"id\":\"e-6\",\"message\":\"invalid request: max_tokens must be positive\"}");
            case MALFORMED_RESPONSE -> json(200, "{\"id\":\"r-9\",\"message\":{");
        };
        wm.stubFor(post(urlEqualTo("/v2/chat")).willReturn(r));
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-key");
        assertThat(body.get("model").asString()).isEqualTo("command-a-03-2025");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        switch (c) {
            case TOOL_RESULT -> {
                JsonNode tool = body.get("messages").get(2);
                assertThat(tool.get("role").asString()).isEqualTo("tool");
                assertThat(tool.get("tool_call_id").asString()).isEqualTo("call_1");
                assertThat(tool.get("content").asString()).isEqualTo("18C and sunny");
            }
            case STRUCTURED_OUTPUT -> {
                assertThat(body.get("response_format").get("type").asString()).isEqualTo("json_object");
                assertThat(body.get("response_format").get("json_schema").get("required").toString()).isEqualTo("[\"city\",\"temp_c\"]");
            }
            case IMAGE_INPUT -> assertThat(body.get("messages").get(0).get("content").get(1).get("image_url").get("url").asString())
                    .isEqualTo("data:image/png;base64," + PNG_BASE64);
            default -> assertThat(body.get("stream").asBoolean()).isEqualTo(c == Case.STREAMING_TEXT || c == Case.STREAMING_TOOL_CALL);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body).withChunkedDribbleDelay(5, 40);
    }
}
