package dev.llmux.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmux.conformance.Case;
import dev.llmux.internal.json.Json;
import tools.jackson.databind.JsonNode;

/** Gemini's native answers to the conformance cases, shared by the AI Studio and Vertex AI subclasses. */
public final class GeminiConformanceStubs {

    private static final String USAGE = "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":3,\"totalTokenCount\":13}";

    private GeminiConformanceStubs() {}

    /** Registers the answer for {@code c} at {@code pathPrefix + ":generateContent"} or the streaming method. */
    public static void stub(Case c, WireMockServer wm, String pathPrefix, ResponseDefinitionBuilder authFailure) {
        boolean streaming = c == Case.STREAMING_TEXT || c == Case.STREAMING_TOOL_CALL || c == Case.STREAM_CUT || c == Case.STREAM_ERROR_EVENT;
        String url = pathPrefix + (streaming ? ":streamGenerateContent?alt=sse" : ":generateContent");
        wm.stubFor(post(urlEqualTo(url)).willReturn(c == Case.ERROR_AUTHENTICATION ? authFailure : answer(c)));
    }

    private static ResponseDefinitionBuilder answer(Case c) {
        return switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> json(200, response(text("Hello!"), "STOP", true));
            case MULTI_TURN -> json(200, response(text("Ada"), "STOP", true));
            case TOOL_CALL -> json(200, response(call("Paris"), "STOP", true));
            case PARALLEL_TOOL_CALLS -> json(200, response(call("Paris") + "," + call("London"), "STOP", true));
            case TOOL_RESULT -> json(200, response(text("It is 18C and sunny in Paris."), "STOP", true));
            case STRUCTURED_OUTPUT -> json(200, response(text("{\"city\":\"Paris\",\"temp_c\":18}"), "STOP", true));
            case IMAGE_INPUT -> json(200, response(text("A cat."), "STOP", true));
            case STREAMING_TEXT -> sse(event(response(text("Hel"), null, false)) + event(response(text("lo!"), "STOP", true)));
            case STREAMING_TOOL_CALL -> sse(event(response(call("Paris"), null, false)) + event(response(text(""), "STOP", true)));
            case STREAM_CUT -> sse(event(response(text("Hel"), null, false)));
            case STREAM_ERROR_EVENT -> sse(event(response(text("Hel"), null, false))
                    + event("{\"error\":{\"code\":500,\"message\":\"An internal error has occurred.\",\"status\":\"INTERNAL\"}}"));
            case ERROR_RATE_LIMIT -> json(429, error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).",
                    "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":\"GenerateRequestsPerMinutePerProjectPerModel\"}]},"
                            + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"7s\"}"));
            case ERROR_SERVER -> json(500, error(500, "INTERNAL", "An internal error has occurred. Please retry or report.", null));
            case ERROR_OVERLOADED -> json(503, error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.", null));
            case ERROR_CONTEXT_WINDOW -> json(400, error(400, "INVALID_ARGUMENT",
                    "The input token count (1300000) exceeds the maximum number of tokens allowed (1048575).", null));
            case ERROR_BAD_REQUEST -> json(400, error(400, "INVALID_ARGUMENT",
                    "Invalid value at 'generation_config.response_mime_type' (TYPE_STRING), \"text/yaml\"", null));
            case MALFORMED_RESPONSE -> json(200, "{\"candidates\":[{\"content\":");
            case ERROR_AUTHENTICATION -> throw new IllegalArgumentException("authentication failures differ between AI Studio and Vertex");
        };
    }

    /** AI Studio's answer to a bad key: a 400 naming the key. */
    public static ResponseDefinitionBuilder aiStudioAuthFailure() {
        return json(400, error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\",\"domain\":\"googleapis.com\"}"));
    }

    /** Vertex AI's answer to a bad token. */
    public static ResponseDefinitionBuilder vertexAuthFailure() {
        return json(401, error(401, "UNAUTHENTICATED",
                "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                null));
    }

    /** The native request checks both subclasses share. */
    public static void verify(Case c, JsonNode body) {
        JsonNode contents = body.get("contents");
        switch (c) {
            case SYSTEM_PROMPT -> assertThat(body.get("systemInstruction").get("parts").get(0).get("text").asString())
                    .isEqualTo("You are terse.");
            case TOOL_RESULT -> {
                assertThat(contents.get(1).get("parts").get(0).get("functionCall").get("name").asString()).isEqualTo("get_weather");
                JsonNode response = contents.get(2).get("parts").get(0).get("functionResponse");
                assertThat(response.get("name").asString()).isEqualTo("get_weather");
                assertThat(response.get("response").get("output").asString()).isEqualTo("18C and sunny");
            }
            case STRUCTURED_OUTPUT -> {
                assertThat(body.get("generationConfig").get("responseMimeType").asString()).isEqualTo("application/json");
                assertThat(body.get("generationConfig").get("responseJsonSchema").get("required").toString()).isEqualTo("[\"city\",\"temp_c\"]");
            }
            case IMAGE_INPUT -> assertThat(contents.get(0).get("parts").get(1).get("inlineData").get("mimeType").asString()).isEqualTo("image/png");
            default -> assertThat(body.get("generationConfig").get("maxOutputTokens").asInt()).isEqualTo(64);
        }
    }

    private static String text(String text) {
        return "{\"text\":" + Json.writeString(text) + "}";
    }

    private static String call(String city) {
        return "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"" + city + "\"}}}";
    }

    private static String response(String parts, String finishReason, boolean usage) {
        return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[" + parts + "]}"
                + (finishReason == null ? "" : ",\"finishReason\":\"" + finishReason + "\"") + ",\"index\":0}]"
                + (usage ? "," + USAGE : "") + ",\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"conf-1\"}";
    }

    private static String error(int code, String status, String message, String details) {
        return "{\"error\":{\"code\":" + code + ",\"message\":" + Json.writeString(message) + ",\"status\":\"" + status + "\""
                + (details == null ? "" : ",\"details\":[" + details + "]") + "}}";
    }

    private static String event(String json) {
        return "data: " + json + "\r\n\r\n";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body).withChunkedDribbleDelay(4, 40);
    }
}
