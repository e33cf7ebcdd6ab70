package dev.llmux.provider.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.conformance.Case;
import dev.llmux.conformance.ProviderConformanceTest;
import dev.llmux.spi.ProviderSettings;
import tools.jackson.databind.JsonNode;

/** The conformance suite against Ollama's native NDJSON API. */
class OllamaConformanceTest extends ProviderConformanceTest {

    private static final String HEAD = "\"model\":\"llama3.2\",\"created_at\":\"2025-07-07T20:22:19Z\"";

    @Override
    protected String model() {
        return "ollama/llama3.2";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl).build();
    }

    private static String answer(String message, String doneReason) {
        return "{" + HEAD + ",\"message\":" + message + ",\"done_reason\":\"" + doneReason
                + "\",\"done\":true,\"prompt_eval_count\":10,\"eval_count\":3}";
    }

    private static String text(String text) {
        return answer("{\"role\":\"assistant\",\"content\":" + dev.llmux.internal.json.Json.writeString(text) + "}", "stop");
    }

    private static String line(String content) {
        return "{" + HEAD + ",\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"done\":false}\n";
    }

    private static String toolCalls(String... cities) {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < cities.length; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"function\":{\"index\":").append(i)
                    .append(",\"name\":\"get_weather\",\"arguments\":{\"city\":\"").append(cities[i]).append("\"}}}");
        }
        return "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[" + calls + "]}";
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        ResponseDefinitionBuilder r = switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> json(200, text("Hello!"));
            case MULTI_TURN -> json(200, text("Ada"));
            case TOOL_CALL -> json(200, answer(toolCalls("Paris"), "stop"));
            case PARALLEL_TOOL_CALLS -> json(200, answer(toolCalls("Paris", "London"), "stop"));
            case TOOL_RESULT -> json(200, text("It is 18C and sunny in Paris."));
            case STRUCTURED_OUTPUT -> json(200, text("{\"city\":\"Paris\",\"temp_c\":18}"));
            case IMAGE_INPUT -> json(200, text("A cat."));
            case STREAMING_TEXT -> ndjson(line("Hel") + line("lo!") + answer("{\"role\":\"assistant\",\"content\":\"\"}", "stop") + "\n");
            case STREAMING_TOOL_CALL -> ndjson("{" + HEAD + ",\"message\":" + toolCalls("Paris") + ",\"done\":false}\n"
                    + answer("{\"role\":\"assistant\",\"content\":\"\"}", "stop") + "\n");
            case STREAM_CUT -> ndjson(line("Hel") + line("lo"));
            case STREAM_ERROR_EVENT -> ndjson(line("Hel") + "{\"error\":\"llama runner process has terminated: signal: killed\"}\n");
            case ERROR_AUTHENTICATION -> json(401, "{\"error\":\"unauthorized\"}");
            case ERROR_RATE_LIMIT -> json(429, "{\"error\":\"too many requests, please retry later\"}").withHeader("Retry-After", "7");
            case ERROR_SERVER -> json(500, "{\"error\":\"llama runner process has terminated: exit status 2\"}");
            case ERROR_OVERLOADED -> json(503, "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}");
            case ERROR_CONTEXT_WINDOW -> json(400, "{\"error\":\"n_keep (5000) >= n_ctx (4096)\"}");
            case ERROR_BAD_REQUEST -> json(400, "{\"error\":\"invalid options: num_predict must be an integer\"}");
            case MALFORMED_RESPONSE -> json(200, "{\"model\":\"llama3.2\",\"message\":");
        };
        wm.stubFor(post(urlEqualTo("/api/chat")).willReturn(r));
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(body.get("model").asString()).isEqualTo("llama3.2");
        assertThat(body.get("stream").asBoolean()).isEqualTo(c == Case.STREAMING_TEXT || c == Case.STREAMING_TOOL_CALL);
        switch (c) {
            case TOOL_RESULT -> {
                JsonNode tool = body.get("messages").get(2);
                assertThat(tool.get("role").asString()).isEqualTo("tool");
                assertThat(tool.get("tool_name").asString()).isEqualTo("get_weather");
                assertThat(body.get("messages").get(1).get("tool_calls").get(0).get("function").get("arguments").get("city").asString())
                        .isEqualTo("Paris");
            }
            case STRUCTURED_OUTPUT -> assertThat(body.get("format").get("required").toString()).isEqualTo("[\"city\",\"temp_c\"]");
            case IMAGE_INPUT -> assertThat(body.get("messages").get(0).get("images").get(0).asString()).isEqualTo(PNG_BASE64);
            default -> assertThat(body.get("options").get("num_predict").asInt()).isEqualTo(64);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder ndjson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson").withBody(body).withChunkedDribbleDelay(4, 40);
    }
}
