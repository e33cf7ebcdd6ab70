package dev.llmux.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A WireMock server on a dynamic port and helpers to point an {@link Llmux} client at it. One per test. */
public final class WireMockLlmux implements AutoCloseable {

    public final WireMockServer server = new WireMockServer(options().dynamicPort());

    public WireMockLlmux() {
        server.start();
    }

    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    /** A client whose {@code provider} settings are {@code settings} and whose environment is only {@code env}. */
    public Llmux client(String provider, Map<String, String> settings, Map<String, String> env) {
        return Llmux.builder().settings(provider, ProviderSettings.of(settings)).env(env::get).build();
    }

    public void stub(String path, ResponseDefinitionBuilder response) {
        server.stubFor(any(urlPathEqualTo(path)).willReturn(response));
    }

    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An SSE body dribbled out in many small pieces, so events arrive split across network buffers. */
    public static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body)
                .withChunkedDribbleDelay(Math.max(2, body.length() / 40), 60);
    }

    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    public LoggedRequest lastRequest() {
        List<LoggedRequest> all = requests();
        if (all.isEmpty()) {
            throw new AssertionError("no request reached the stub");
        }
        return all.get(all.size() - 1);
    }

    public JsonNode lastBody() {
        return Json.tree(lastRequest().getBody());
    }

    public static String fixture(String path) {
        try (InputStream in = WireMockLlmux.class.getResourceAsStream("/fixtures/openai/" + path)) {
            if (in == null) {
                throw new AssertionError("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data:} payloads of an SSE fixture, {@code [DONE]} excluded. */
    public static List<String> sseData(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).filter(d -> !d.equals("[DONE]")).toList();
    }

    @Override
    public void close() {
        server.stop();
    }
}
