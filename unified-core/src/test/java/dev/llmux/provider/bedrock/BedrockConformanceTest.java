package dev.llmux.provider.bedrock;

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
import dev.llmux.spi.ProviderSettings;
import java.util.Arrays;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The shared conformance suite against Bedrock's native Converse JSON and binary ConverseStream answers. */
class BedrockConformanceTest extends ProviderConformanceTest {

    private static final String PATH = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0";
    private static final String USAGE = "{\"inputTokens\":10,\"outputTokens\":3,\"totalTokens\":13}";

    @Override
    protected String model() {
        return "bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.of(Map.of(
                "aws_access_key_id", "AKIDTEST", "aws_secret_access_key", "test-key", "aws_region_name", "us-east-1",
                "aws_bedrock_runtime_endpoint", baseUrl));
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> converse(wm, text("Hello!"), "end_turn");
            case MULTI_TURN -> converse(wm, text("Ada"), "end_turn");
            case TOOL_CALL -> converse(wm, toolUse("tooluse_1", "Paris"), "tool_use");
            case PARALLEL_TOOL_CALLS -> converse(wm, toolUse("tooluse_1", "Paris") + "," + toolUse("tooluse_2", "London"), "tool_use");
            case TOOL_RESULT -> converse(wm, text("It is 18C and sunny in Paris."), "end_turn");
            case STRUCTURED_OUTPUT -> converse(wm,
                    "{\"toolUse\":{\"toolUseId\":\"tooluse_s\",\"name\":\"weather\",\"input\":{\"city\":\"Paris\",\"temp_c\":18}}}", "tool_use");
            case IMAGE_INPUT -> converse(wm, text("A cat."), "end_turn");
            case STREAMING_TEXT -> stream(wm, textStream(true));
            case STREAMING_TOOL_CALL -> stream(wm, EventStreamFrames.concat(
                    EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                    EventStreamFrames.event("contentBlockStart",
                            "{\"contentBlockIndex\":0,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"get_weather\"}}}"),
                    EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}"),
                    EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}"),
                    EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                    EventStreamFrames.event("messageStop", "{\"stopReason\":\"tool_use\"}"),
                    EventStreamFrames.event("metadata", "{\"usage\":" + USAGE + "}")));
            case STREAM_CUT -> stream(wm, textStream(false));
            case STREAM_ERROR_EVENT -> stream(wm, EventStreamFrames.concat(
                    EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                    EventStreamFrames.exception("serviceUnavailableException", "{\"message\":\"Bedrock is unable to process your request.\"}")));
            case MALFORMED_RESPONSE -> wm.stubFor(post(urlPathEqualTo(PATH + "/converse"))
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"output\":{\"message\":")));
            case ERROR_AUTHENTICATION -> error(wm, 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
            case ERROR_RATE_LIMIT -> error(wm, 429, "ThrottlingException", "Too many requests, please wait before trying again.");
            case ERROR_SERVER -> error(wm, 500, "InternalServerException", "An internal server error occurred. Retry your request.");
            case ERROR_OVERLOADED -> error(wm, 503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
            case ERROR_CONTEXT_WINDOW -> error(wm, 400, "ValidationException", "Input is too long for requested model.");
            case ERROR_BAD_REQUEST -> error(wm, 400, "ValidationException", "The provided model identifier is invalid.");
        }
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/");
        switch (c) {
            case TOOL_RESULT -> {
                assertThat(body.path("messages").get(1).path("content").get(0).path("toolUse").path("toolUseId").asString()).isEqualTo("call_1");
                assertThat(body.path("messages").get(2).path("content").get(0).path("toolResult").path("content").get(0).path("text").asString())
                        .isEqualTo("18C and sunny");
            }
            case STRUCTURED_OUTPUT -> assertThat(body.path("toolConfig").path("toolChoice")).isEqualTo(Json.tree("{\"tool\":{\"name\":\"weather\"}}"));
            case IMAGE_INPUT -> assertThat(body.path("messages").get(0).path("content").get(1).path("image").path("format").asString()).isEqualTo("png");
            default -> { }
        }
    }

    private static String text(String text) {
        return "{\"text\":" + Json.writeString(text) + "}";
    }

    private static String toolUse(String id, String city) {
        return "{\"toolUse\":{\"toolUseId\":\"" + id + "\",\"name\":\"get_weather\",\"input\":{\"city\":\"" + city + "\"}}}";
    }

    private static byte[] textStream(boolean complete) {
        byte[] all = EventStreamFrames.concat(
                EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}"),
                EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"lo!\"}}"),
                EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"));
        if (!complete) {
            return all;
        }
        return EventStreamFrames.concat(all,
                EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
                EventStreamFrames.event("metadata", "{\"usage\":" + USAGE + ",\"metrics\":{\"latencyMs\":100}}"));
    }

    private static void converse(WireMockServer wm, String content, String stopReason) {
        wm.stubFor(post(urlPathEqualTo(PATH + "/converse")).willReturn(json(200,
                "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[" + content + "]}},\"stopReason\":\"" + stopReason
                        + "\",\"usage\":" + USAGE + ",\"metrics\":{\"latencyMs\":100}}")));
    }

    private static void stream(WireMockServer wm, byte[] body) {
        wm.stubFor(post(urlPathEqualTo(PATH + "/converse-stream")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/vnd.amazon.eventstream").withBody(Arrays.copyOf(body, body.length))));
    }

    private static void error(WireMockServer wm, int status, String type, String message) {
        wm.stubFor(post(urlPathEqualTo(PATH + "/converse")).willReturn(json(status, "{\"message\":" + Json.writeString(message) + "}")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withHeader("x-amzn-RequestId", "req-1").withBody(body);
    }
}
