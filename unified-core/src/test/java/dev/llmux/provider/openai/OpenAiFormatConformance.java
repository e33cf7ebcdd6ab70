package dev.llmux.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.conformance.Case;
import dev.llmux.conformance.ProviderConformanceTest;
import dev.llmux.internal.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * The conformance suite's answers in OpenAI's wire format, shared by every provider that speaks it (OpenAI, Azure and
 * the compatible presets). Subclasses name the model, settings and the path the provider posts to.
 */
public abstract class OpenAiFormatConformance extends ProviderConformanceTest {

    /** The path of the chat completions endpoint the provider calls on the stub. */
    protected abstract String chatPath();

    /** Whether the provider puts usage on the finishing chunk (Mistral) rather than a separate usage-only chunk. */
    protected boolean usageOnLastChunk() {
        return false;
    }

    private static final String HEAD = "\"id\":\"chatcmpl-c1\",\"object\":\"chat.completion\",\"created\":1741569952,\"model\":\"m-2025\"";
    private static final String CHUNK = "\"id\":\"chatcmpl-c1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"m-2025\"";
    private static final String USAGE = "{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13}";

    private static String completion(String message, String finish) {
        return "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":" + message + ",\"logprobs\":null,\"finish_reason\":\"" + finish
                + "\"}],\"usage\":" + USAGE + "}";
    }

    private static String text(String text) {
        return completion("{\"role\":\"assistant\",\"content\":" + Json.writeString(text) + ",\"refusal\":null}", "stop");
    }

    private static String call(int index, String city) {
        return "{\"id\":\"call_" + index + "\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
                + Json.writeString("{\"city\":\"" + city + "\"}") + "}}";
    }

    private static String chunk(String delta, String finish) {
        return "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
                + (finish == null ? "null" : "\"" + finish + "\"") + "}]}\n\n";
    }

    private String end(String finish) {
        if (usageOnLastChunk()) {
            return "data: {" + CHUNK + ",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + finish + "\"}],\"usage\":" + USAGE
                    + "}\n\ndata: [DONE]\n\n";
        }
        return chunk("{}", finish) + "data: {" + CHUNK + ",\"choices\":[],\"usage\":" + USAGE + "}\n\ndata: [DONE]\n\n";
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":" + Json.writeString(message) + ",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        ResponseDefinitionBuilder r = switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> json(200, text("Hello!"));
            case MULTI_TURN -> json(200, text("Ada"));
            case TOOL_CALL -> json(200, completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call(0, "Paris") + "]}", "tool_calls"));
            case PARALLEL_TOOL_CALLS -> json(200, completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                    + call(0, "Paris") + "," + call(1, "London") + "]}", "tool_calls"));
            case TOOL_RESULT -> json(200, text("It is 18C and sunny in Paris."));
            case STRUCTURED_OUTPUT -> json(200, text("{\"city\":\"Paris\",\"temp_c\":18}"));
            case IMAGE_INPUT -> json(200, text("A cat."));
            case STREAMING_TEXT -> sse(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null) + ": keep-alive\n\n"
                    + chunk("{\"content\":\"Hel\"}", null) + chunk("{\"content\":\"lo!\"}", null) + end("stop"));
            case STREAMING_TOOL_CALL -> sse(chunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_0\","
                    + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null)
                    + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", null)
                    + chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"Paris\\\"}\"}}]}", null)
                    + end("tool_calls"));
            case STREAM_CUT -> sse(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null) + chunk("{\"content\":\"lo\"}", null));
            case STREAM_ERROR_EVENT -> sse(chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null)
                    + "data: " + error("The server had an error while processing your request.", "server_error", null) + "\n\n");
            case ERROR_AUTHENTICATION -> json(401, error("Incorrect API key provided.", "invalid_request_error", "invalid_api_key"));
            case ERROR_RATE_LIMIT -> json(429, error("Rate limit reached for requests", "requests", "rate_limit_exceeded"))
                    .withHeader("retry-after", "7");
            case ERROR_SERVER -> json(500, error("The server had an error while processing your request.", "server_error", null));
            case ERROR_OVERLOADED -> json(503, error("The engine is currently overloaded, please try again later", "server_error", null));
            case ERROR_CONTEXT_WINDOW -> json(400, error("This model's maximum context length is 128000 tokens. However, you requested "
                    + "130000 tokens. Please reduce the length of the messages or completion.", "invalid_request_error", "context_length_exceeded"));
            case ERROR_BAD_REQUEST -> json(400, error("Invalid value for 'max_tokens': must be positive.", "invalid_request_error", "invalid_value"));
            case MALFORMED_RESPONSE -> json(200, "{" + HEAD + ",\"choices\":[{\"index\":0,\"message\":");
        };
        wm.stubFor(post(urlPathEqualTo(chatPath())).willReturn(r));
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        boolean streaming = c == Case.STREAMING_TEXT || c == Case.STREAMING_TOOL_CALL;
        assertThat(body.path("stream").asBoolean(false)).isEqualTo(streaming);
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        switch (c) {
            case TOOL_RESULT -> {
                JsonNode messages = body.get("messages");
                assertThat(messages.get(1).get("tool_calls").get(0).get("function").get("name").asString()).isEqualTo("get_weather");
                assertThat(messages.get(2)).isEqualTo(Json.tree("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18C and sunny\"}"));
            }
            case STRUCTURED_OUTPUT -> assertThat(body.get("response_format").get("json_schema").get("name").asString()).isEqualTo("weather");
            case IMAGE_INPUT -> assertThat(body.get("messages").get(0).get("content").get(1).get("image_url").get("url").asString())
                    .endsWith(PNG_BASE64);
            default -> {
            }
        }
    }

    protected static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    protected static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body).withChunkedDribbleDelay(6, 40);
    }
}
