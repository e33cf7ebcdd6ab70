package dev.llmux.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** The conformance suite against Replicate's predictions API (create, poll, stream). */
class ReplicateConformanceTest extends ProviderConformanceTest {

    private static final String ID = "rrr4hb4dbhrgj0cq7yqbxyk0nm";
    private static final String CREATE = "/v1/models/meta/meta-llama-3-8b-instruct/predictions";

    @Override
    protected String model() {
        return "replicate/meta/meta-llama-3-8b-instruct";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.builder().apiBase(baseUrl).apiKey("test-key").set("poll_interval", "0.01").build();
    }

    @Override
    protected Set<Case> unsupported() {
        return Set.of(Case.TOOL_CALL, Case.STREAMING_TOOL_CALL, Case.PARALLEL_TOOL_CALLS, Case.TOOL_RESULT, Case.STRUCTURED_OUTPUT);
    }

    private static String prediction(String base, String status, String output, String error) {
        return "{\"id\":\"" + ID + "\",\"model\":\"meta/meta-llama-3-8b-instruct\",\"status\":\"" + status + "\",\"output\":" + output
                + ",\"error\":" + error + ",\"created_at\":\"2025-08-01T12:00:00Z\",\"metrics\":{\"input_token_count\":10,\"output_token_count\":3},"
                + "\"urls\":{\"get\":\"" + base + "/v1/predictions/" + ID + "\",\"cancel\":\"" + base + "/v1/predictions/" + ID + "/cancel\","
                + "\"stream\":\"" + base + "/v1/streams/" + ID + "\"}}";
    }

    /** Create answers "starting"; the poll answers {@code status} with {@code output} or {@code error}. */
    private static void stubRun(WireMockServer wm, String status, String output, String error) {
        wm.stubFor(post(urlEqualTo(CREATE)).willReturn(json(201, prediction(wm.baseUrl(), "starting", "null", "null"))));
        wm.stubFor(get(urlEqualTo("/v1/predictions/" + ID)).willReturn(json(200, prediction(wm.baseUrl(), status, output, error))));
    }

    private static void stubText(WireMockServer wm, String... pieces) {
        stubRun(wm, "succeeded", Json.writeString(java.util.List.of(pieces)), "null");
    }

    private static void stubStream(WireMockServer wm, String sse) {
        stubText(wm, "Hel", "lo!");
        wm.stubFor(get(urlEqualTo("/v1/streams/" + ID)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(sse).withChunkedDribbleDelay(4, 40)));
    }

    private static String output(String text) {
        return "event: output\nid: 1:" + text.length() + "\ndata: " + text + "\n\n";
    }

    private static void stubCreateError(WireMockServer wm, ResponseDefinitionBuilder r) {
        wm.stubFor(post(urlEqualTo(CREATE)).willReturn(r));
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        switch (c) {
            case PLAIN_CHAT, SYSTEM_PROMPT -> stubText(wm, "Hel", "lo!");
            case MULTI_TURN -> stubText(wm, "Ada");
            case IMAGE_INPUT -> stubText(wm, "A ", "cat.");
            case STREAMING_TEXT -> stubStream(wm, output("Hel") + output("lo!") + "event: done\ndata: {}\n\n");
            case STREAM_CUT -> stubStream(wm, output("Hel") + output("lo"));
            case STREAM_ERROR_EVENT -> stubStream(wm, output("Hel") + "event: error\ndata: {\"detail\":\"CUDA error: device-side assert triggered\"}\n\n");
            case ERROR_SERVER -> stubRun(wm, "failed", "null", "\"CUDA error: an illegal memory access was encountered\"");
            case ERROR_CONTEXT_WINDOW -> stubRun(wm, "failed", "null",
                    "\"This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.\"");
            case ERROR_AUTHENTICATION -> stubCreateError(wm, json(401,
                    "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication token\",\"status\":401}"));
            case ERROR_RATE_LIMIT -> stubCreateError(wm, json(429,
                    "{\"title\":\"Too Many Requests\",\"detail\":\"Request was throttled. Expected available in 7 seconds.\",\"status\":429}")
                    .withHeader("Retry-After", "7"));
            case ERROR_OVERLOADED -> stubCreateError(wm, json(503,
                    "{\"title\":\"Service Unavailable\",\"detail\":\"Replicate is temporarily unavailable\",\"status\":503}"));
            case ERROR_BAD_REQUEST -> stubCreateError(wm, json(400,
                    "{\"title\":\"Invalid version or not permitted\",\"detail\":\"The specified version does not exist\",\"status\":400}"));
            case MALFORMED_RESPONSE -> stubCreateError(wm, json(201, "{\"id\":\"" + ID + "\",\"status\":"));
            default -> throw new IllegalArgumentException("no stub for " + c);
        }
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(request.getUrl()).isEqualTo(CREATE);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-key");
        JsonNode input = body.get("input");
        assertThat(input.get("max_new_tokens").asInt()).isEqualTo(64);
        switch (c) {
            case SYSTEM_PROMPT -> assertThat(input.get("system_prompt").asString()).isEqualTo(SYSTEM_TEXT);
            case IMAGE_INPUT -> {
                assertThat(input.get("image").asString()).isEqualTo("data:image/png;base64," + PNG_BASE64);
                assertThat(input.get("prompt").asString()).isEqualTo("What is in this image?");
            }
            case STREAMING_TEXT -> assertThat(body.get("stream").asBoolean()).isTrue();
            default -> assertThat(input.get("prompt").asString()).isNotBlank();
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
