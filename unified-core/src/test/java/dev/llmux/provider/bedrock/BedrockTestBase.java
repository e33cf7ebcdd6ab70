package dev.llmux.provider.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.Llmux;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/** A WireMock Bedrock runtime on a dynamic port and an {@link Llmux} pointed at it with static credentials. */
abstract class BedrockTestBase {

    static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    static final String MODEL_PATH = "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0";
    static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");
    static final String REQUEST_ID = "7f1e0c6a-2b7d-4c1e-9a53-0d2f4b1c9e11";

    WireMockServer wm;
    Llmux llmux;

    @BeforeEach
    void startServer() {
        wm = new WireMockServer(options().dynamicPort());
        wm.start();
        llmux = client(Map.of(
                "aws_access_key_id", "AKIDEXAMPLE",
                "aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                "aws_region_name", "us-east-1"), Map.of());
    }

    @AfterEach
    void stopServer() {
        llmux.close();
        wm.stop();
    }

    Llmux client(Map<String, String> settings, Map<String, String> env) {
        ProviderSettings s = ProviderSettings.builder().set("aws_bedrock_runtime_endpoint", wm.baseUrl()).build()
                .overriddenBy(ProviderSettings.of(settings));
        return Llmux.builder()
                .settings("bedrock", s)
                .env(env::get)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
    }

    void stubJson(String path, int status, String body) {
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", REQUEST_ID)
                .withBody(body)));
    }

    void stubStream(String path, byte[] body) {
        wm.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/vnd.amazon.eventstream")
                .withHeader("x-amzn-RequestId", REQUEST_ID)
                .withBody(body)));
    }

    /** The single request WireMock received. */
    LoggedRequest onlyRequest() {
        List<LoggedRequest> all = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    /** Asserts the JSON body the stub received equals {@code expected} exactly (as trees: member order aside). */
    void assertSentJson(String expected) {
        JsonNode actual = Json.tree(onlyRequest().getBody());
        assertThat(actual).isEqualTo(Json.tree(expected));
    }

    /** The value as serialized on the wire, parsed back (so numbers compare by their JSON form, not Java type). */
    static JsonNode tree(Object value) {
        return Json.tree(Json.writeString(value));
    }
}
