package dev.llmux.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.llmux.conformance.Case;
import dev.llmux.conformance.ProviderConformanceTest;
import dev.llmux.provider.gemini.GeminiConformanceStubs;
import dev.llmux.spi.ProviderSettings;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The conformance suite against Vertex AI's Gemini endpoints, with a bearer token given directly. */
class VertexConformanceTest extends ProviderConformanceTest {

    @Override
    protected String model() {
        return "vertex_ai/gemini-2.5-flash";
    }

    @Override
    protected ProviderSettings settings(String baseUrl) {
        return ProviderSettings.of(Map.of("vertex_access_token", "test-key", "vertex_project", "conf-project",
                "vertex_location", "europe-west1", "api_base", baseUrl));
    }

    @Override
    protected void stub(Case c, WireMockServer wm) {
        GeminiConformanceStubs.stub(c, wm, "/v1/projects/conf-project/locations/europe-west1/publishers/google/models/gemini-2.5-flash",
                GeminiConformanceStubs.vertexAuthFailure());
    }

    @Override
    protected void verifyRequest(Case c, JsonNode body, LoggedRequest request) {
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-key");
        GeminiConformanceStubs.verify(c, body);
    }
}
