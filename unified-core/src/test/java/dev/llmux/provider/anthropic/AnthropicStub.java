package dev.llmux.provider.anthropic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.Llmux;
import dev.llmux.internal.json.Json;
import dev.llmux.spi.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A WireMock Messages API on a dynamic port, and a {@link Llmux} client pointed at it. */
final class AnthropicStub implements AutoCloseable {

    static final String KEY = "sk-ant-test-key";
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final long CREATED = NOW.getEpochSecond();

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    AnthropicStub() {
        server.start();
    }

    Llmux client() {
        return client(Map.of());
    }

    Llmux client(Map<String, String> extraSettings) {
        ProviderSettings.Builder settings = ProviderSettings.builder().apiKey(KEY).apiBase(server.baseUrl());
        extraSettings.forEach(settings::set);
        return Llmux.builder()
                .settings("anthropic", settings.build())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .env(name -> null)
                .build();
    }

    static String fixture(String name) {
        try (InputStream in = AnthropicStub.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void stubMessage(String fixture) {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture(fixture)));
    }

    /** Serves an SSE fixture in several TCP chunks, so events split across reads are exercised. */
    void stubStream(String fixture) {
        stub(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withBody(fixture(fixture)).withChunkedDribbleDelay(7, 70));
    }

    void stub(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlEqualTo("/v1/messages")).willReturn(response));
    }

    /** The one request the server received. */
    LoggedRequest request() {
        List<LoggedRequest> all = server.findAll(postRequestedFor(urlEqualTo("/v1/messages")));
        if (all.size() != 1) {
            throw new AssertionError("expected one request to /v1/messages, got " + all.size());
        }
        return all.get(0);
    }

    JsonNode requestBody() {
        return Json.tree(request().getBodyAsString());
    }

    @Override
    public void close() {
        server.stop();
    }
}
