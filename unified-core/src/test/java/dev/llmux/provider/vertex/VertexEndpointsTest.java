package dev.llmux.provider.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmux.provider.gemini.GeminiFixtures;
import dev.llmux.provider.vertex.internal.VertexEndpoints;
import dev.llmux.spi.ProviderCall;
import dev.llmux.spi.ProviderSettings;
import dev.llmux.testing.OfflineCalls;
import dev.llmux.transport.HttpTransport;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VertexEndpointsTest {

    private static final HttpTransport UNUSED = OfflineCalls.NO_NETWORK;

    private static ProviderCall call(Map<String, String> settings, Map<String, String> env) {
        return new ProviderCall("vertex_ai", "gemini-2.5-pro", ProviderSettings.of(settings), UNUSED, GeminiFixtures.CLOCK, env::get, null);
    }

    @Test
    void should_use_regional_host_with_us_central1_by_default() {
        ProviderCall c = call(Map.of(), Map.of());

        assertThat(VertexEndpoints.uri(c, "proj", "google", "gemini-2.5-pro", "generateContent")).hasToString(
                "https://us-central1-aiplatform.googleapis.com/v1/projects/proj/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent");
    }

    @Test
    void should_use_global_host_for_global_location_and_env_location_otherwise() {
        assertThat(VertexEndpoints.uri(call(Map.of("vertex_location", "global"), Map.of()), "proj", "anthropic", "claude-sonnet-4-5", "rawPredict"))
                .hasToString("https://aiplatform.googleapis.com/v1/projects/proj/locations/global/publishers/anthropic/models/claude-sonnet-4-5:rawPredict");
        assertThat(VertexEndpoints.uri(call(Map.of(), Map.of("VERTEXAI_LOCATION", "europe-west4")), "proj", "google", "m", "predict"))
                .hasToString("https://europe-west4-aiplatform.googleapis.com/v1/projects/proj/locations/europe-west4/publishers/google/models/m:predict");
    }

    @Test
    void should_replace_only_the_host_when_api_base_is_set() {
        assertThat(VertexEndpoints.uri(call(Map.of("api_base", "https://proxy.internal/vertex/"), Map.of()), "proj", "google", "m", "generateContent"))
                .hasToString("https://proxy.internal/vertex/v1/projects/proj/locations/us-central1/publishers/google/models/m:generateContent");
    }

    @Test
    void should_prefer_configured_project_over_credentials_project() {
        assertThat(VertexEndpoints.project(call(Map.of("vertex_project", "set"), Map.of("VERTEXAI_PROJECT", "env")), "creds")).isEqualTo("set");
        assertThat(VertexEndpoints.project(call(Map.of(), Map.of("VERTEXAI_PROJECT", "env")), "creds")).isEqualTo("env");
        assertThat(VertexEndpoints.project(call(Map.of(), Map.of()), "creds")).isEqualTo("creds");
    }
}
