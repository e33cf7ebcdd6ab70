package dev.llmux.provider.gemini;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Fixtures under {@code fixtures/gemini/} and WireMock helpers shared by the Gemini and Vertex tests. */
public final class GeminiFixtures {

    public static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private GeminiFixtures() {}

    public static String fixture(String name) {
        try (InputStream in = GeminiFixtures.class.getResourceAsStream("/fixtures/gemini/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ResponseDefinitionBuilder json(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    /** An SSE body dribbled in several TCP chunks, so events split across reads. */
    public static ResponseDefinitionBuilder sse(String fixture) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(fixture(fixture))
                .withChunkedDribbleDelay(7, 70);
    }

    /** The one request WireMock received, as JSON. */
    public static JsonNode onlyRequestBody(WireMockExtension wm) {
        List<LoggedRequest> all = wm.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        if (all.size() != 1) {
            throw new AssertionError("expected one request, got " + all.size());
        }
        return Json.tree(all.get(0).getBodyAsString());
    }

    public static JsonNode tree(String json) {
        return Json.tree(json);
    }
}
