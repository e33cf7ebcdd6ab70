package dev.llmux.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.conformance.Case;
import dev.llmux.conformance.ProviderConformanceTest;
import dev.llmux.spi.ProviderSettings;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The conformance suite against Google AI Studio's Gemini API. */
class GeminiConformanceTest extends ProviderConformanceTest {

    @Override
    protected String model() {
        return "gemini/gemini-2.5-flash";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.of(Map.of("api_key", "test-key", "api_base", baseUrl));
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        GeminiConformanceStubs.stub(c, wm, "/v1beta/models/gemini-2.5-flash", GeminiConformanceStubs.aiStudioAuthFailure());
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(request.getHeader("x-goog-api-key")).isEqualTo("test-key");
        GeminiConformanceStubs.verify(c, body);
    }
}
